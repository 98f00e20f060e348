package dev.assistants.api;

import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of a run ({@code RunObject.status}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class RunStatus extends ApiEnum {

	/** The value {@code queued}. */
	public static final RunStatus QUEUED = new RunStatus("queued");

	/** The value {@code in_progress}. */
	public static final RunStatus IN_PROGRESS = new RunStatus("in_progress");

	/** The value {@code requires_action}. */
	public static final RunStatus REQUIRES_ACTION = new RunStatus("requires_action");

	/** The value {@code cancelling}. */
	public static final RunStatus CANCELLING = new RunStatus("cancelling");

	/** The value {@code cancelled}. */
	public static final RunStatus CANCELLED = new RunStatus("cancelled");

	/** The value {@code failed}. */
	public static final RunStatus FAILED = new RunStatus("failed");

	/** The value {@code completed}. */
	public static final RunStatus COMPLETED = new RunStatus("completed");

	/** The value {@code incomplete}. */
	public static final RunStatus INCOMPLETE = new RunStatus("incomplete");

	/** The value {@code expired}. */
	public static final RunStatus EXPIRED = new RunStatus("expired");

	private static final Map<String, RunStatus> KNOWN = index(QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING, CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED);

	/**
	 * The statuses of a run that has not stopped: while a thread has a run in one of them, no
	 * message can be added to it and no other run started on it.
	 */
	public static final Set<RunStatus> ACTIVE = Set.of(QUEUED, IN_PROGRESS, REQUIRES_ACTION, CANCELLING);

	/**
	 * The statuses a run stops in, never to change again.
	 */
	public static final Set<RunStatus> STOPPED = Set.of(CANCELLED, FAILED, COMPLETED, INCOMPLETE, EXPIRED);

	private RunStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static RunStatus of(String value) {
		RunStatus known = KNOWN.get(value);
		return (known != null) ? known : new RunStatus(value);
	}

	/**
	 * Whether a run in this status has not stopped (one of {@link #ACTIVE}).
	 * @return whether the run is active
	 */
	public boolean isActive() {
		return ACTIVE.contains(this);
	}

	/**
	 * Whether a run in this status has stopped for good (one of {@link #STOPPED}). An unknown
	 * status is neither active nor stopped.
	 * @return whether the run has stopped
	 */
	public boolean isStopped() {
		return STOPPED.contains(this);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
