package dev.assistants.engine;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes the API's objects: IDs with the real prefixes, timestamps in seconds, and the parts every
 * object shares. Fields whose name starts with {@code _} are the engine's own bookkeeping, kept with
 * the object but never shown.
 */
final class ApiObjects {

	static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private static final int ID_LENGTH = 24;

	private static final List<String> LEADING_FIELDS = List.of("id", "object", "created_at");

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	ApiObjects(Clock clock) {
		this.clock = clock;
	}

	/** A new object with its {@code id}, {@code object} type and {@code created_at}. */
	ObjectNode create(String prefix, String type) {
		ObjectNode object = NODES.objectNode();
		object.put("id", newId(prefix));
		object.put("object", type);
		object.put("created_at", now());
		return object;
	}

	String newId(String prefix) {
		StringBuilder id = new StringBuilder(prefix.length() + ID_LENGTH).append(prefix);
		for (int i = 0; i < ID_LENGTH; i++) {
			id.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

	/** The time as the API gives it: Unix seconds. */
	long now() {
		return nowMillis() / 1000;
	}

	long nowMillis() {
		return this.clock.millis();
	}

	static String id(JsonNode object) {
		return object.path("id").asString();
	}

	static String status(JsonNode object) {
		return object.path("status").asString();
	}

	/**
	 * The object as clients see it: without the engine's bookkeeping, and with {@code id},
	 * {@code object} and {@code created_at} first, as the API writes them, whatever order a store
	 * keeps fields in.
	 */
	static ObjectNode publicView(ObjectNode object) {
		ObjectNode view = NODES.objectNode();
		for (String name : LEADING_FIELDS) {
			if (object.has(name)) {
				view.set(name, object.get(name).deepCopy());
			}
		}
		for (Map.Entry<String, JsonNode> field : object.properties()) {
			if (!field.getKey().startsWith("_") && !view.has(field.getKey())) {
				view.set(field.getKey(), field.getValue().deepCopy());
			}
		}
		return view;
	}

	static ObjectNode deleted(String id, String type) {
		return NODES.objectNode().put("id", id).put("object", type).put("deleted", true);
	}

	static ObjectNode textPart(String text) {
		ObjectNode part = NODES.objectNode().put("type", "text");
		part.putObject("text").put("value", text).putArray("annotations");
		return part;
	}

	static JsonNode orDefault(@Nullable JsonNode value, JsonNode fallback) {
		return (value == null || value.isNull()) ? fallback : value;
	}

}
