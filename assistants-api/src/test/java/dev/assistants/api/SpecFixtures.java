package dev.assistants.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the tests take from OpenAI's specification, derived into {@code src/test/resources/spec} by
 * {@code scripts/derive-spec-fixtures.py}.
 */
public final class SpecFixtures {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	public static final JsonNode OPERATIONS = read("/spec/operations.json").get("operations");

	/** The Files, Uploads and Vector stores operations, which Assistants apps use for file_search. */
	public static final JsonNode STORAGE_OPERATIONS = read("/spec/storage-operations.json").get("operations");

	public static final JsonNode SCHEMAS = read("/spec/schemas.json").get("schemas");

	private SpecFixtures() {
	}

	public static JsonNode operation(String operationId) {
		JsonNode operation = OPERATIONS.has(operationId) ? OPERATIONS.get(operationId)
				: STORAGE_OPERATIONS.get(operationId);
		if (operation == null) {
			throw new IllegalArgumentException("No operation " + operationId + " in the specification");
		}
		return operation;
	}

	/**
	 * A copy of the JSON without its {@code null} properties, which the client does not write back.
	 */
	public static JsonNode withoutNulls(JsonNode node) {
		JsonNode copy = node.deepCopy();
		strip(copy);
		return copy;
	}

	/**
	 * A copy of an example without the properties its schema does not declare (some examples still
	 * show fields of older API versions), which the client ignores.
	 */
	public static JsonNode declaredOnly(JsonNode example, String schemaName) {
		JsonNode copy = example.deepCopy();
		prune(copy, SCHEMAS.get(schemaName));
		return copy;
	}

	private static void prune(JsonNode value, JsonNode schema) {
		schema = resolve(schema);
		if (value instanceof ObjectNode object) {
			List<JsonNode> candidates = candidates(schema, object);
			if (candidates.isEmpty()) {
				return;
			}
			Iterator<Map.Entry<String, JsonNode>> properties = object.properties().iterator();
			while (properties.hasNext()) {
				Map.Entry<String, JsonNode> property = properties.next();
				JsonNode declared = candidates.stream()
					.map((candidate) -> candidate.path("properties").get(property.getKey()))
					.filter(Objects::nonNull)
					.findFirst()
					.orElse(null);
				if (declared == null) {
					properties.remove();
				}
				else {
					prune(property.getValue(), declared);
				}
			}
		}
		else if (value.isArray()) {
			JsonNode items = schema.has("items") ? schema.get("items")
					: variants(schema).stream().filter((v) -> v.has("items")).map((v) -> v.get("items")).findFirst()
						.orElse(null);
			if (items != null) {
				value.forEach((item) -> prune(item, items));
			}
		}
	}

	private static List<JsonNode> candidates(JsonNode schema, ObjectNode value) {
		if (schema.has("properties")) {
			return List.of(schema);
		}
		String type = value.path("type").stringValue(null);
		return variants(schema).stream()
			.filter((variant) -> variant.has("properties"))
			.filter((variant) -> type == null || !variant.path("properties").path("type").has("enum")
					|| variant.path("properties").path("type").path("enum").toString().contains('"' + type + '"'))
			.toList();
	}

	private static List<JsonNode> variants(JsonNode schema) {
		List<JsonNode> variants = new ArrayList<>();
		schema.path("variants").forEach((variant) -> variants.add(resolve(variant)));
		return variants;
	}

	/**
	 * The request and response schemas of the operations.
	 */
	public static Stream<String> operationSchemaNames() {
		return Stream.concat(OPERATIONS.valueStream(), STORAGE_OPERATIONS.valueStream())
			.filter((operation) -> !"multipart/form-data".equals(operation.path("requestContentType").asString(null)))
			.flatMap((operation) -> Stream.of(operation.get("requestSchema"), operation.get("responseSchema")))
			.filter(JsonNode::isString)
			.map(JsonNode::stringValue)
			.distinct()
			.sorted();
	}

	public static JsonNode schema(String name) {
		return SCHEMAS.get(name);
	}

	public static Optional<String> refName(JsonNode schema) {
		return Optional.ofNullable(schema.get("ref")).map(JsonNode::stringValue);
	}

	public static JsonNode resolve(JsonNode schema) {
		while (schema.has("ref")) {
			schema = SCHEMAS.get(schema.get("ref").stringValue());
		}
		return schema;
	}

	private static void strip(JsonNode node) {
		if (node instanceof ObjectNode object) {
			Iterator<Map.Entry<String, JsonNode>> properties = object.properties().iterator();
			while (properties.hasNext()) {
				Map.Entry<String, JsonNode> property = properties.next();
				if (property.getValue().isNull()) {
					properties.remove();
				}
				else {
					strip(property.getValue());
				}
			}
		}
		else if (node.isArray()) {
			node.forEach(SpecFixtures::strip);
		}
	}

	private static JsonNode read(String resource) {
		try (InputStream in = SpecFixtures.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing: run scripts/derive-spec-fixtures.py");
			}
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
