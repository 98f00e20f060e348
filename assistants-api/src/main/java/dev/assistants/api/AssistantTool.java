package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool of an assistant or run: {@code AssistantToolsCode}, {@code AssistantToolsFileSearch} or {@code AssistantToolsFunction}.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(AssistantToolsCode.class),
		@JsonSubTypes.Type(AssistantToolsFileSearch.class),
		@JsonSubTypes.Type(AssistantToolsFunction.class)
})
public sealed interface AssistantTool permits AssistantToolsCode, AssistantToolsFileSearch, AssistantToolsFunction, UnknownVariant {

}
