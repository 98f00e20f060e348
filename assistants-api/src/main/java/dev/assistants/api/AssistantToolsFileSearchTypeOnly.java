package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The file search tool named by a message attachment ({@code AssistantToolsFileSearchTypeOnly}).
 */
@JsonTypeName("file_search")
public record AssistantToolsFileSearchTypeOnly() implements AttachmentTool {

}
