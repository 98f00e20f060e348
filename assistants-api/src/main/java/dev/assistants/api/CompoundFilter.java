package dev.assistants.api;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Filters combined with {@code and} or {@code or} ({@code CompoundFilter}).
 *
 * @param type {@code and} or {@code or}
 * @param filters the filters combined
 */
public record CompoundFilter(String type, List<SearchFilter> filters) implements SearchFilter {

	public CompoundFilter {
		Assert.isTrue("and".equals(type) || "or".equals(type), () -> "type must be 'and' or 'or' but was '" + type + "'");
		Assert.notNull(filters, "filters must not be null");
		filters = List.copyOf(filters);
	}

}
