package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A function tool ({@code AssistantToolsFunction}).
 *
 * @param function the function's definition
 */
@JsonTypeName("function")
public record AssistantToolsFunction(FunctionObject function) implements AssistantTool {

}
