package dev.assistants.tools;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Derives the JSON schema of a function's parameters from the Java type they are bound to:
 * records become objects (a component is required unless it is {@code @Nullable}), collections and
 * arrays become arrays, enums become string enums.
 */
final class JsonSchemas {

	private JsonSchemas() {
	}

	static Map<String, Object> of(Type type) {
		Class<?> raw = raw(type);
		if (raw == String.class || raw == char.class || raw == Character.class || CharSequence.class.isAssignableFrom(raw)) {
			return Map.of("type", "string");
		}
		if (raw == boolean.class || raw == Boolean.class) {
			return Map.of("type", "boolean");
		}
		if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class || raw == Integer.class
				|| raw == Long.class || raw == Short.class || raw == Byte.class || raw == BigInteger.class) {
			return Map.of("type", "integer");
		}
		if (raw == double.class || raw == float.class || Number.class.isAssignableFrom(raw) || raw == BigDecimal.class) {
			return Map.of("type", "number");
		}
		if (raw.isEnum()) {
			return Map.of("type", "string", "enum",
					Arrays.stream(raw.getEnumConstants()).map((constant) -> ((Enum<?>) constant).name()).toList());
		}
		if (raw.isArray()) {
			Type component = (type instanceof GenericArrayType array) ? array.getGenericComponentType()
					: raw.getComponentType();
			return Map.of("type", "array", "items", of(component));
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return Map.of("type", "array", "items", of(typeArgument(type, 0)));
		}
		if (raw.isRecord()) {
			Map<String, Object> properties = new LinkedHashMap<>();
			List<String> required = new ArrayList<>();
			for (RecordComponent component : raw.getRecordComponents()) {
				JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
				String name = (property != null) ? property.value() : component.getName();
				properties.put(name, of(component.getGenericType()));
				if (!isNullable(component)) {
					required.add(name);
				}
			}
			return Map.of("type", "object", "properties", properties, "required", required,
					"additionalProperties", false);
		}
		return Map.of("type", "object");
	}

	private static boolean isNullable(RecordComponent component) {
		return component.getAnnotatedType().isAnnotationPresent(Nullable.class);
	}

	private static Class<?> raw(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			return (Class<?>) parameterized.getRawType();
		}
		return (type instanceof Class<?> raw) ? raw : Object.class;
	}

	private static Type typeArgument(Type type, int index) {
		return (type instanceof ParameterizedType parameterized) ? parameterized.getActualTypeArguments()[index]
				: Object.class;
	}

}
