package dev.assistants.client.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A variant of a union that Jackson does not discriminate by type info and so writes its
 * {@code type} property itself.
 */
interface Typed {

	@JsonProperty("type")
	String type();

}
