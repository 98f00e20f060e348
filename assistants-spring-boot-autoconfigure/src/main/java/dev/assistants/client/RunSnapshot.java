package dev.assistants.client;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.ThreadObject;

/**
 * The state of a streamed run after one of its events: the thread (when the stream created it),
 * the run, and each message and run step with their deltas applied, in the order they were created.
 *
 * @param event the event that led to this snapshot
 * @param thread the thread created by the stream, if it created one
 * @param run the run as its latest run event described it
 * @param messages the messages created during the run, their text assembled from the deltas
 * @param steps the run steps, their tool call arguments assembled from the deltas
 * @see RunStreams#snapshots(reactor.core.publisher.Flux)
 */
public record RunSnapshot(AssistantStreamEvent event, @Nullable ThreadObject thread, @Nullable RunObject run,
		List<MessageObject> messages, List<RunStepObject> steps) {

	private static final String PARAGRAPH = "\n\n";

	/**
	 * The text the assistant wrote so far: the text of its messages, one after the other, separated
	 * by a blank line ({@code "\n\n"}).
	 * @return the text, empty before the first delta
	 */
	public String text() {
		return this.messages.stream()
			.filter((message) -> MessageRole.ASSISTANT.equals(message.role()))
			.map(RunSnapshot::text)
			.collect(Collectors.joining(PARAGRAPH));
	}

	/**
	 * The text parts of a message, separated by a blank line ({@code "\n\n"}), as the messages of
	 * {@link #text()} are.
	 * @param message the message
	 * @return its text
	 */
	public static String text(MessageObject message) {
		return message.content()
			.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.map((content) -> ((MessageContentTextObject) content).text().value())
			.collect(Collectors.joining(PARAGRAPH));
	}

}
