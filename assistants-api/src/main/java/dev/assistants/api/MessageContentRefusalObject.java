package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * A refusal by the model in message content ({@code MessageContentRefusalObject}).
 *
 * @param refusal the refusal
 */
@JsonTypeName("refusal")
public record MessageContentRefusalObject(String refusal) implements MessageContent {

}
