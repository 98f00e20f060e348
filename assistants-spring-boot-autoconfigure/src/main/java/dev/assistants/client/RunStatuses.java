package dev.assistants.client;

import dev.assistants.api.RunStatus;

/**
 * Which run statuses a run stays in until a new request moves it: those it stops in, and
 * {@code requires_action}.
 */
final class RunStatuses {

	private RunStatuses() {
	}

	/**
	 * Whether polling a run in this status can stop: the run finished or waits for tool outputs.
	 * An unknown status is not terminal, so polling goes on until the deadline.
	 */
	static boolean isTerminal(RunStatus status) {
		return status.isStopped() || RunStatus.REQUIRES_ACTION.equals(status);
	}

}
