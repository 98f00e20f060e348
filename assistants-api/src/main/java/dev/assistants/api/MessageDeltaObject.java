package dev.assistants.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A change to a message while it is streamed ({@code MessageDeltaObject}, the data of
 * {@code thread.message.delta}).
 *
 * @param id the ID of the message
 * @param object the object type, always {@code thread.message.delta}
 * @param delta what changed
 */
public record MessageDeltaObject(String id, String object, Delta delta) {

	/**
	 * What changed in the message.
	 *
	 * @param role the role, usually only in the first delta
	 * @param content the changed content parts
	 */
	public record Delta(@Nullable MessageRole role, @Nullable List<MessageDeltaContent> content) {
	}

}
