package dev.assistants.api;

import java.util.List;

import org.springframework.util.Assert;

/**
 * A comparison of one attribute with a value ({@code ComparisonFilter}).
 *
 * @param type the comparison: {@code eq}, {@code ne}, {@code gt}, {@code gte}, {@code lt},
 * {@code lte}, {@code in} or {@code nin}
 * @param key the attribute
 * @param value a string, number or boolean; for {@code in} and {@code nin}, a list of strings or
 * numbers
 */
public record ComparisonFilter(String type, String key, Object value) implements SearchFilter {

	/** The comparisons the specification lists. */
	public static final List<String> TYPES = List.of("eq", "ne", "gt", "gte", "lt", "lte", "in", "nin");

	public ComparisonFilter {
		Assert.isTrue(TYPES.contains(type), () -> "type must be one of " + TYPES + " but was '" + type + "'");
		Assert.notNull(key, "key must not be null");
		Assert.notNull(value, "value must not be null");
		boolean list = type.equals("in") || type.equals("nin");
		if (value instanceof List<?> values) {
			Assert.isTrue(list, () -> "value must be a string, number or boolean for '" + type + "'");
			Assert.isTrue(values.stream().allMatch((item) -> item instanceof String || item instanceof Number),
					"value must hold only strings and numbers");
		}
		else {
			Assert.isTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
					"value must be a string, number, boolean or array");
		}
	}

}
