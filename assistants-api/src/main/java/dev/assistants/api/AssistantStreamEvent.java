package dev.assistants.api;

/**
 * An event of a streamed run ({@code AssistantStreamEvent}): one variant per event the
 * specification names, grouped by what the event is about ({@link ThreadEvent},
 * {@link RunEvent}, {@link RunStepEvent}, {@link MessageEvent}), plus the two deltas,
 * {@link ErrorEvent}, {@link DoneEvent}, and {@link UnknownEvent} for an event this client does
 * not know.
 */
public sealed interface AssistantStreamEvent {

	/**
	 * The name of the event, as in the {@code event:} line of the stream.
	 * @return the event name
	 */
	String event();

	/**
	 * An event about a thread.
	 */
	sealed interface ThreadEvent extends AssistantStreamEvent {

		/**
		 * The object the event is about.
		 * @return the {@code ThreadObject}
		 */
		ThreadObject data();

	}

	/**
	 * An event about a run: its data is the run as it is now.
	 */
	sealed interface RunEvent extends AssistantStreamEvent {

		/**
		 * The object the event is about.
		 * @return the {@code RunObject}
		 */
		RunObject data();

	}

	/**
	 * An event about a run step: its data is the step as it is now.
	 */
	sealed interface RunStepEvent extends AssistantStreamEvent {

		/**
		 * The object the event is about.
		 * @return the {@code RunStepObject}
		 */
		RunStepObject data();

	}

	/**
	 * An event about a message: its data is the message as it is now.
	 */
	sealed interface MessageEvent extends AssistantStreamEvent {

		/**
		 * The object the event is about.
		 * @return the {@code MessageObject}
		 */
		MessageObject data();

	}

	/**
	 * {@code thread.created}: A thread was created.
	 *
	 * @param data the {@code ThreadObject}
	 */
	record ThreadCreated(ThreadObject data) implements ThreadEvent {

		/** The event's name. */
		public static final String EVENT = "thread.created";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.created}: A run was created.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunCreated(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.created";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.queued}: A run moved to {@code queued}.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunQueued(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.queued";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.in_progress}: A run moved to {@code in_progress}.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunInProgress(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.in_progress";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.requires_action}: A run waits for tool outputs.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunRequiresAction(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.requires_action";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.completed}: A run completed.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunCompleted(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.completed";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.incomplete}: A run ended incomplete.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunIncomplete(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.incomplete";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.failed}: A run failed.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunFailed(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.failed";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.cancelling}: A run moved to {@code cancelling}.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunCancelling(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.cancelling";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.cancelled}: A run was cancelled.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunCancelled(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.cancelled";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.expired}: A run expired.
	 *
	 * @param data the {@code RunObject}
	 */
	record RunExpired(RunObject data) implements RunEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.expired";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.created}: A run step was created.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepCreated(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.created";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.in_progress}: A run step moved to {@code in_progress}.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepInProgress(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.in_progress";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.delta}: Part of a run step changed.
	 *
	 * @param data the {@code RunStepDeltaObject}
	 */
	record RunStepDelta(RunStepDeltaObject data) implements AssistantStreamEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.delta";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.completed}: A run step completed.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepCompleted(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.completed";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.failed}: A run step failed.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepFailed(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.failed";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.cancelled}: A run step was cancelled.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepCancelled(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.cancelled";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.run.step.expired}: A run step expired.
	 *
	 * @param data the {@code RunStepObject}
	 */
	record RunStepExpired(RunStepObject data) implements RunStepEvent {

		/** The event's name. */
		public static final String EVENT = "thread.run.step.expired";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.message.created}: A message was created.
	 *
	 * @param data the {@code MessageObject}
	 */
	record MessageCreated(MessageObject data) implements MessageEvent {

		/** The event's name. */
		public static final String EVENT = "thread.message.created";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.message.in_progress}: A message moved to {@code in_progress}.
	 *
	 * @param data the {@code MessageObject}
	 */
	record MessageInProgress(MessageObject data) implements MessageEvent {

		/** The event's name. */
		public static final String EVENT = "thread.message.in_progress";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.message.delta}: Part of a message changed.
	 *
	 * @param data the {@code MessageDeltaObject}
	 */
	record MessageDelta(MessageDeltaObject data) implements AssistantStreamEvent {

		/** The event's name. */
		public static final String EVENT = "thread.message.delta";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.message.completed}: A message completed.
	 *
	 * @param data the {@code MessageObject}
	 */
	record MessageCompleted(MessageObject data) implements MessageEvent {

		/** The event's name. */
		public static final String EVENT = "thread.message.completed";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code thread.message.incomplete}: A message ended before it completed.
	 *
	 * @param data the {@code MessageObject}
	 */
	record MessageIncomplete(MessageObject data) implements MessageEvent {

		/** The event's name. */
		public static final String EVENT = "thread.message.incomplete";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code error}: the server reports an error and ends the stream.
	 *
	 * @param data the error
	 */
	record ErrorEvent(ApiError data) implements AssistantStreamEvent {

		/** The event's name. */
		public static final String EVENT = "error";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * {@code done}: the stream ends; its data is {@code [DONE]}.
	 */
	record DoneEvent() implements AssistantStreamEvent {

		/** The event's name. */
		public static final String EVENT = "done";

		@Override
		public String event() {
			return EVENT;
		}

	}

	/**
	 * An event this client does not know, with its raw data.
	 *
	 * @param event the event's name
	 * @param data the event's data as sent
	 */
	record UnknownEvent(String event, String data) implements AssistantStreamEvent {
	}

}
