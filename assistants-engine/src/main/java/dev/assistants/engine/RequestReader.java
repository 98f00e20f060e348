package dev.assistants.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads request bodies as strictly as the specification's request schemas allow: every request
 * schema forbids unknown fields, so an unknown field, a value of the wrong type (no coercion of
 * {@code "1"} to a number or of {@code 1} to a string), an enum value or a union variant the
 * specification does not list, a missing required field and a limit the specification sets are each
 * a 400 in OpenAI's shape, before anything is written. The body is read into the model's request
 * record to check it, and handed on as JSON.
 */
final class RequestReader {

	private final JsonMapper strict = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		.withCoercionConfigDefaults((config) -> {
			for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
					CoercionInputShape.Boolean, CoercionInputShape.String)) {
				config.setCoercion(shape, CoercionAction.Fail);
			}
		})
		// an integer is a number, wherever a decimal is allowed
		.withCoercionConfig(LogicalType.Float,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert))
		.addHandler(new DeserializationProblemHandler() {

			// a union variant's "type" selects the variant: it is known even though no field holds it
			@Override
			public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
					ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
				if ("type".equals(propertyName)) {
					parser.skipChildren();
					return true;
				}
				return false;
			}

		})
		.build();

	/**
	 * Read a body that must be a JSON object of the given request type.
	 * @param body the body, as received
	 * @param type the request record to check it against
	 * @return the body as JSON
	 */
	ObjectNode read(String body, Class<?> type) {
		ObjectNode tree = tree(body);
		try {
			Object request = this.strict.treeToValue(tree, type);
			String unknown = UnknownValues.find(request, "");
			if (unknown != null) {
				throw ApiException.invalid("Invalid value for '" + unknown + "': not one the API accepts.", unknown,
						"invalid_value");
			}
			return tree;
		}
		catch (UnrecognizedPropertyException ex) {
			String param = path(ex, ex.getPropertyName());
			throw ApiException.invalid("Unknown parameter: '" + param + "'.", param, "unknown_parameter");
		}
		catch (ValueInstantiationException ex) {
			throw invalidValue((ex.getCause() != null) ? ex.getCause().getMessage() : ex.getOriginalMessage());
		}
		catch (MismatchedInputException ex) {
			String param = path(ex, null);
			throw ApiException.invalid("Invalid type for '" + param + "': expected " + expected(ex.getTargetType())
					+ ", but got " + actual(ex) + " instead.", param, "invalid_type");
		}
		catch (DatabindException ex) {
			throw invalidValue(ex.getOriginalMessage());
		}
		catch (IllegalArgumentException ex) {
			throw invalidValue(ex.getMessage());
		}
	}

	/**
	 * Read a body that must be a JSON object, of any shape.
	 * @param body the body, as received
	 * @return the body as JSON
	 */
	ObjectNode tree(String body) {
		JsonNode tree;
		try {
			tree = this.strict.readTree(body);
		}
		catch (StreamReadException ex) {
			throw ApiException.invalid("We could not parse the JSON body of your request: " + ex.getOriginalMessage()
					+ ". The API expects a JSON payload.", null);
		}
		catch (JacksonException ex) {
			throw ApiException.invalid("We could not parse the JSON body of your request. The API expects a JSON payload.",
					null);
		}
		if (tree == null || !tree.isObject()) {
			throw ApiException.invalid("The request body must be a JSON object.", null);
		}
		checkText(tree, "");
		return (ObjectNode) tree;
	}

	/**
	 * Every name and string of a body is text the stores can hold as it is: no NUL character (which
	 * PostgreSQL cannot store) and no lone surrogate (which is no Unicode text: a strict JSON reader
	 * refuses it). Nothing is altered on the way in.
	 */
	private static void checkText(JsonNode node, String path) {
		if (node.isString()) {
			checkText(node.asString(), path);
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				checkText(node.get(i), path + "[" + i + "]");
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				String name = property.getKey();
				String child = path.isEmpty() ? name : path + "." + name;
				checkText(name, child);
				checkText(property.getValue(), child);
			}
		}
	}

	private static void checkText(String text, String path) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				throw ApiException.invalid("Invalid value for '" + path + "': text cannot contain the NUL character "
						+ "(\\u0000).", path, "invalid_value");
			}
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				throw ApiException.invalid("We could not parse the JSON body of your request: '" + path + "' holds a "
						+ "lone surrogate (\\u" + Integer.toHexString(c) + "), which is not Unicode text. The API "
						+ "expects a JSON payload.", null);
			}
		}
	}

	/** A limit or a required field the model's records check, such as {@code "model must not be blank"}. */
	private static ApiException invalidValue(@Nullable String message) {
		String text = (message != null) ? message : "Invalid request body";
		String first = text.split(" ")[0];
		return ApiException.invalid(text.endsWith(".") ? text : text + ".",
				first.matches("[a-z_][a-z_0-9.\\[\\]]*") ? first : null);
	}

	private static String path(DatabindException ex, @Nullable String last) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
		}
		if (path.isEmpty() && last != null) {
			path.append(last);
		}
		return path.isEmpty() ? "body" : path.toString();
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "another type";
		}
		if (CharSequence.class.isAssignableFrom(type)) {
			return "a string";
		}
		if (type == Integer.class || type == Long.class || type == int.class || type == long.class) {
			return "an integer";
		}
		if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
			return "a decimal";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "a boolean";
		}
		if (Collection.class.isAssignableFrom(type) || type.isArray()) {
			return "an array";
		}
		if (Map.class.isAssignableFrom(type) || type.isRecord() || type.isInterface()) {
			return "an object";
		}
		return "a string";
	}

	private static String actual(MismatchedInputException ex) {
		JsonToken token = (ex.processor() instanceof JsonParser parser) ? parser.currentToken() : null;
		if (token == null) {
			return "another type";
		}
		return switch (token) {
			case VALUE_STRING -> "a string";
			case VALUE_NUMBER_INT -> "an integer";
			case VALUE_NUMBER_FLOAT -> "a decimal";
			case VALUE_TRUE, VALUE_FALSE -> "a boolean";
			case START_OBJECT, END_OBJECT, PROPERTY_NAME -> "an object";
			case START_ARRAY, END_ARRAY -> "an array";
			case VALUE_NULL -> "null";
			default -> "another type";
		};
	}

}
