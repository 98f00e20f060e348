package dev.assistants.engine;

import tools.jackson.databind.JsonNode;

/**
 * Whether a file's {@code attributes} pass a search's {@code filters}: a comparison of one
 * attribute ({@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code in},
 * {@code nin}) or {@code and} / {@code or} of filters. Numbers compare as numbers, strings as
 * strings; a file without the attribute passes only {@code ne} and {@code nin}.
 */
final class AttributeFilter {

	private AttributeFilter() {
	}

	/**
	 * Whether the attributes pass the filter, already checked to be one of the specification's.
	 */
	static boolean matches(JsonNode filter, JsonNode attributes) {
		String type = filter.path("type").asString();
		if (type.equals("and") || type.equals("or")) {
			boolean and = type.equals("and");
			for (JsonNode part : filter.path("filters")) {
				if (matches(part, attributes) != and) {
					return !and;
				}
			}
			return and;
		}
		JsonNode actual = attributes.path(filter.path("key").asString());
		JsonNode expected = filter.path("value");
		if (actual.isMissingNode() || actual.isNull()) {
			return type.equals("ne") || type.equals("nin");
		}
		return switch (type) {
			case "eq" -> equal(actual, expected);
			case "ne" -> !equal(actual, expected);
			case "gt" -> comparable(actual, expected) && compare(actual, expected) > 0;
			case "gte" -> comparable(actual, expected) && compare(actual, expected) >= 0;
			case "lt" -> comparable(actual, expected) && compare(actual, expected) < 0;
			case "lte" -> comparable(actual, expected) && compare(actual, expected) <= 0;
			case "in" -> contains(expected, actual);
			case "nin" -> !contains(expected, actual);
			default -> false;
		};
	}

	private static boolean contains(JsonNode values, JsonNode actual) {
		if (!values.isArray()) {
			return equal(actual, values);
		}
		for (JsonNode value : values) {
			if (equal(actual, value)) {
				return true;
			}
		}
		return false;
	}

	private static boolean equal(JsonNode actual, JsonNode expected) {
		if (actual.isNumber() && expected.isNumber()) {
			return actual.decimalValue().compareTo(expected.decimalValue()) == 0;
		}
		return actual.getNodeType() == expected.getNodeType() && actual.equals(expected);
	}

	private static boolean comparable(JsonNode actual, JsonNode expected) {
		return (actual.isNumber() && expected.isNumber()) || (actual.isString() && expected.isString());
	}

	private static int compare(JsonNode actual, JsonNode expected) {
		return actual.isNumber() ? actual.decimalValue().compareTo(expected.decimalValue())
				: actual.asString().compareTo(expected.asString());
	}

}
