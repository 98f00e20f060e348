package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A variant of a union that Jackson does not discriminate by type info and so writes its
 * {@code type} property itself.
 */
@JsonPropertyOrder("type")
interface Typed {

	@JsonProperty("type")
	String type();

}
