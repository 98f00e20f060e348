package dev.assistants.api;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import dev.assistants.api.SpecFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model cannot drift from the specification: starting from the request and response schema of
 * each of the 23 operations and from the data of the stream events, every property the specification declares, at any depth, has a
 * counterpart in the records, every record component is a property of its schema, every union
 * variant has a Java variant, and every enum value is a known constant.
 */
class ModelSpecCoverageTests {

	static Stream<String> rootSchemas() {
		return Stream.concat(SpecFixtures.operationSchemaNames(),
				Stream.of("MessageDeltaObject", "RunStepDeltaObject", "Error"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rootSchemas")
	void modelMirrorsTheSchema(String schemaName) throws Exception {
		Walker walker = new Walker();
		String className = schemaName.equals("Error") ? "ApiError" : schemaName;
		walker.walk(schemaName, SpecFixtures.schema(schemaName), Class.forName(getClass().getPackageName() + "." + className));
		assertThat(walker.problems).isEmpty();
	}

	private static final class Walker {

		private final List<String> problems = new ArrayList<>();

		private final Set<String> visited = new HashSet<>();

		void walk(String path, JsonNode schema, Type javaType) {
			Optional<String> ref = SpecFixtures.refName(schema);
			schema = SpecFixtures.resolve(schema);
			Class<?> type = raw(javaType);
			if (!this.visited.add(ref.orElse(path) + "->" + javaType.getTypeName())) {
				return;
			}
			if (schema.has("properties")) {
				walkObject(path, schema, type);
			}
			if (schema.has("items")) {
				if (!List.class.equals(type)) {
					this.problems.add(path + " is an array but is modelled as " + type.getSimpleName());
					return;
				}
				walk(path + "[]", schema.get("items"), typeArgument(javaType, 0));
			}
			if (schema.has("map") && !Map.class.equals(type)) {
				this.problems.add(path + " is a map but is modelled as " + type.getSimpleName());
			}
			if (schema.has("enum")) {
				walkEnum(path, schema, type);
			}
			if (schema.has("variants")) {
				walkVariants(path, schema, javaType, type);
			}
		}

		private void walkObject(String path, JsonNode schema, Class<?> type) {
			if (Map.class.equals(type)) {
				return;
			}
			if (!type.isRecord()) {
				this.problems.add(path + " is an object but is modelled as " + type.getSimpleName());
				return;
			}
			JsonNode properties = schema.get("properties");
			for (String name : properties.propertyNames()) {
				RecordComponent component = component(type, name);
				if (component != null) {
					walk(path + "." + name, properties.get(name), component.getGenericType());
				}
				else if (!(name.equals("type") && isDiscriminated(type))) {
					this.problems.add(path + "." + name + " has no counterpart in " + type.getSimpleName());
				}
			}
			for (RecordComponent component : type.getRecordComponents()) {
				if (!properties.has(jsonName(component))) {
					this.problems.add(type.getSimpleName() + "." + component.getName() + " ('" + jsonName(component)
							+ "') is not a property of " + path);
				}
			}
		}

		private void walkEnum(String path, JsonNode schema, Class<?> type) {
			if (!ApiEnum.class.isAssignableFrom(type)) {
				return;
			}
			for (JsonNode value : schema.get("enum")) {
				ApiEnum constant = apiEnum(type, value.stringValue());
				if (!constant.isKnown()) {
					this.problems.add(path + " value '" + value.stringValue() + "' is not a constant of "
							+ type.getSimpleName());
				}
			}
		}

		private void walkVariants(String path, JsonNode schema, Type javaType, Class<?> type) {
			if (!type.isSealed()) {
				schema.get("variants").forEach((variant) -> walk(path, variant, javaType));
				return;
			}
			for (JsonNode variant : schema.get("variants")) {
				Optional<String> ref = SpecFixtures.refName(variant);
				JsonNode resolved = SpecFixtures.resolve(variant);
				if (resolved.has("variants")) {
					walk(path, variant, javaType);
					continue;
				}
				Class<?> match = Arrays.stream(type.getPermittedSubclasses())
					.filter((candidate) -> matches(candidate, ref, resolved))
					.findFirst()
					.orElse(null);
				if (match == null) {
					this.problems.add(path + " variant " + ref.orElse(resolved.toString()) + " has no counterpart among "
							+ type.getSimpleName() + "'s subtypes");
				}
				else if (resolved.has("properties")) {
					walk(path + "<" + match.getSimpleName() + ">", variant, match);
				}
				else if (resolved.has("items")) {
					walk(path + "<" + match.getSimpleName() + ">", resolved,
							match.getRecordComponents()[0].getGenericType());
				}
				else {
					walk(path, variant, match);
				}
			}
		}

		private static boolean matches(Class<?> candidate, Optional<String> ref, JsonNode variant) {
			if (ref.isPresent() && candidate.getSimpleName().equals(ref.get())) {
				return true;
			}
			if (variant.has("properties")) {
				JsonTypeName typeName = candidate.getAnnotation(JsonTypeName.class);
				JsonNode typeEnum = variant.path("properties").path("type").path("enum");
				return typeName != null && typeEnum.size() == 1 && typeEnum.get(0).stringValue().equals(typeName.value());
			}
			if (variant.has("items")) {
				return candidate.isRecord() && candidate.getRecordComponents().length == 1
						&& List.class.equals(candidate.getRecordComponents()[0].getType());
			}
			// a string variant
			return ApiEnum.class.isAssignableFrom(candidate) || candidate.isEnum() || (candidate.isRecord()
					&& candidate.getRecordComponents().length == 1
					&& String.class.equals(candidate.getRecordComponents()[0].getType()));
		}

		private static boolean isDiscriminated(Class<?> type) {
			return type.isAnnotationPresent(JsonTypeName.class) || Typed.class.isAssignableFrom(type);
		}

		private static RecordComponent component(Class<?> type, String jsonName) {
			return Arrays.stream(type.getRecordComponents())
				.filter((component) -> jsonName(component).equals(jsonName))
				.findFirst()
				.orElse(null);
		}

		private static String jsonName(RecordComponent component) {
			JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
			return (property != null) ? property.value() : component.getName();
		}

		private static ApiEnum apiEnum(Class<?> type, String value) {
			try {
				Method of = type.getMethod("of", String.class);
				return (ApiEnum) of.invoke(null, value);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Class<?> raw(Type type) {
			return (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
					: (Class<?>) type;
		}

		private static Type typeArgument(Type type, int index) {
			return ((ParameterizedType) type).getActualTypeArguments()[index];
		}

	}

}
