package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.jspecify.annotations.Nullable;

/**
 * A piece of a refusal in a message delta ({@code MessageDeltaContentRefusalObject}).
 *
 * @param index the position of the part
 * @param refusal the piece of the refusal
 */
@JsonTypeName("refusal")
public record MessageDeltaContentRefusalObject(int index, @Nullable String refusal) implements MessageDeltaContent {

}
