package dev.assistants.emulator;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import dev.assistants.api.SpecFixtures;

/**
 * Checks a JSON value against a schema of the specification, as derived into the build's spec
 * fixtures: required properties present, no property the schema does not declare, string enums
 * respected, arrays and maps checked element by element, and a union matched by one of its variants.
 * {@code null} is accepted where a value is, as the derived schemas do not say what is nullable.
 */
final class SchemaValidator {

	private SchemaValidator() {
	}

	static List<String> problems(JsonNode value, String schemaName) {
		List<String> problems = new ArrayList<>();
		check(value, SpecFixtures.schema(schemaName), schemaName, problems);
		return problems;
	}

	private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
		schema = SpecFixtures.resolve(schema);
		if (value.isNull()) {
			return;
		}
		if (schema.has("variants")) {
			List<String> best = null;
			for (JsonNode variant : schema.get("variants")) {
				List<String> attempt = new ArrayList<>();
				check(value, variant, path, attempt);
				if (attempt.isEmpty()) {
					return;
				}
				best = (best == null || attempt.size() < best.size()) ? attempt : best;
			}
			problems.add(path + " matches no variant: " + best);
			return;
		}
		if (schema.has("properties")) {
			if (!value.isObject()) {
				problems.add(path + " is not an object: " + value);
				return;
			}
			JsonNode properties = schema.get("properties");
			schema.path("required").forEach((required) -> {
				if (!value.has(required.stringValue())) {
					problems.add(path + "." + required.stringValue() + " is required but missing");
				}
			});
			for (String name : value.propertyNames()) {
				if (!properties.has(name)) {
					problems.add(path + "." + name + " is not declared by the schema");
				}
				else {
					check(value.get(name), properties.get(name), path + "." + name, problems);
				}
			}
		}
		if (schema.has("items")) {
			if (!value.isArray()) {
				problems.add(path + " is not an array: " + value);
				return;
			}
			for (int i = 0; i < value.size(); i++) {
				check(value.get(i), schema.get("items"), path + "[" + i + "]", problems);
			}
		}
		if (schema.has("map")) {
			if (!value.isObject()) {
				problems.add(path + " is not an object: " + value);
				return;
			}
			for (String name : value.propertyNames()) {
				check(value.get(name), schema.get("map"), path + "." + name, problems);
			}
		}
		if (schema.has("enum") && (!value.isString() || !schema.get("enum").toString().contains('"' + value.stringValue() + '"'))) {
			problems.add(path + " is " + value + ", not one of " + schema.get("enum"));
		}
	}

}
