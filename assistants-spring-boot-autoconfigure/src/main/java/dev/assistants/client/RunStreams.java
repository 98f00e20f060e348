package dev.assistants.client;

import reactor.core.publisher.Flux;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.MessageCompleted;
import dev.assistants.api.MessageObject;

/**
 * Views of a streamed run that spare the caller the deltas: snapshots with the messages' text and
 * the tool calls' arguments assembled, the text as it grows, and the completed messages.
 * <pre class="code">
 * Flux&lt;AssistantStreamEvent&gt; events = assistants.createRunStream(threadId, request).cache();
 * RunStreams.text(events).subscribe(textSoFar -&gt; ...);
 * </pre>
 */
public final class RunStreams {

	private RunStreams() {
	}

	/**
	 * One snapshot per event, each the run's state after that event. The last snapshot holds the
	 * final run, messages and steps.
	 * @param events the events of a streamed run
	 * @return the snapshots
	 */
	public static Flux<RunSnapshot> snapshots(Flux<AssistantStreamEvent> events) {
		return Flux.defer(() -> events.map(new RunSnapshotAccumulator()::apply));
	}

	/**
	 * The assistant's text so far, each time it grows.
	 * @param events the events of a streamed run
	 * @return the text so far
	 */
	public static Flux<String> text(Flux<AssistantStreamEvent> events) {
		return snapshots(events).map(RunSnapshot::text).filter((text) -> !text.isEmpty()).distinctUntilChanged();
	}

	/**
	 * The messages of the run as they complete.
	 * @param events the events of a streamed run
	 * @return the completed messages
	 */
	public static Flux<MessageObject> completedMessages(Flux<AssistantStreamEvent> events) {
		return events.ofType(MessageCompleted.class).map(MessageCompleted::data);
	}

}
