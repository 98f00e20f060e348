package dev.assistants.client;

import java.util.Set;

import dev.assistants.api.RunStatus;

/**
 * Which run statuses a run stays in until a new request moves it.
 */
final class RunStatuses {

	private static final Set<RunStatus> TERMINAL = Set.of(RunStatus.REQUIRES_ACTION, RunStatus.CANCELLED,
			RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.EXPIRED, RunStatus.INCOMPLETE);

	private static final Set<RunStatus> ACTIVE = Set.of(RunStatus.QUEUED, RunStatus.IN_PROGRESS,
			RunStatus.REQUIRES_ACTION, RunStatus.CANCELLING);

	private RunStatuses() {
	}

	/**
	 * Whether polling a run in this status can stop: the run finished or waits for tool outputs.
	 * An unknown status is not terminal, so polling goes on until the deadline.
	 */
	static boolean isTerminal(RunStatus status) {
		return TERMINAL.contains(status);
	}

	/**
	 * Whether a run in this status keeps its thread busy: no message can be added meanwhile.
	 */
	static boolean isActive(RunStatus status) {
		return ACTIVE.contains(status);
	}

}
