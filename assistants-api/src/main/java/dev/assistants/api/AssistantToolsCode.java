package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The code interpreter tool ({@code AssistantToolsCode}, {@code {"type": "code_interpreter"}}).
 */
@JsonTypeName("code_interpreter")
public record AssistantToolsCode() implements AssistantTool, AttachmentTool {

}
