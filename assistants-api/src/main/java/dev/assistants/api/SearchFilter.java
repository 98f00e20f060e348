package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A filter of a search by the attributes of the files searched: a {@link ComparisonFilter} of one
 * attribute, or a {@link CompoundFilter} of several filters.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(value = ComparisonFilter.class, names = { "eq", "ne", "gt", "gte", "lt", "lte", "in", "nin" }),
		@JsonSubTypes.Type(value = CompoundFilter.class, names = { "and", "or" })
})
public sealed interface SearchFilter permits ComparisonFilter, CompoundFilter, UnknownVariant {

}
