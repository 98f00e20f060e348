package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A tool a message attachment is added to: {@code AssistantToolsCode} or {@code AssistantToolsFileSearchTypeOnly}.
 * The {@code type} property selects the variant; an unknown type becomes an {@link UnknownVariant}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type", visible = true, defaultImpl = UnknownVariant.class)
@JsonSubTypes({
		@JsonSubTypes.Type(AssistantToolsCode.class),
		@JsonSubTypes.Type(AssistantToolsFileSearchTypeOnly.class)
})
public sealed interface AttachmentTool permits AssistantToolsCode, AssistantToolsFileSearchTypeOnly, UnknownVariant {

}
