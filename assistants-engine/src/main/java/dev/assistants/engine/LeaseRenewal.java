package dev.assistants.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.assistants.api.RunStatus;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.RunLease;

/**
 * Keeps the leases of the runs this engine executes: renews them while they execute, interrupts an
 * execution whose run is no longer this engine's, and hands them all back when the engine closes,
 * so that another engine on the store takes them over at once.
 */
final class LeaseRenewal {

	private static final Log logger = LogFactory.getLog(LeaseRenewal.class);

	/** The statuses an execution ends a run in; it leaves {@code requires_action} still holding it. */
	private static final List<String> EXECUTION_ENDS = List.of(RunStatus.COMPLETED.value(),
			RunStatus.INCOMPLETE.value(), RunStatus.FAILED.value());

	private final AssistantsStore store;

	private final RunLeases leases;

	private final RunExecutor executor;

	LeaseRenewal(AssistantsStore store, RunLeases leases, RunExecutor executor) {
		this.store = store;
		this.leases = leases;
		this.executor = executor;
	}

	/**
	 * Renew the leases of the runs executing here. An execution whose run was taken over meanwhile,
	 * or stopped by another engine (expired, cancelled), is interrupted: its model turn is
	 * cancelled, and it writes nothing more.
	 */
	void renew() {
		// only the runs asked about: one that starts meanwhile has its lease from its creation
		List<String> executing = this.executor.executing();
		Map<String, RunLease> runs = this.store
			.inTransaction((tx) -> tx.renewRunLeases(this.leases.owner(), executing, this.leases.duration()));
		for (String runId : executing) {
			if (lost(runs.get(runId))) {
				this.executor.interrupt(runId);
			}
		}
	}

	/** Hand back the leases of these runs, which this engine no longer executes. */
	void handBack(List<String> runIds) {
		if (runIds.isEmpty()) {
			return;
		}
		try {
			this.store.inTransaction((tx) -> tx.renewRunLeases(this.leases.owner(), runIds, Duration.ZERO));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not hand back the leases of " + runIds.size() + " run(s); another server "
					+ "takes them over when they expire", ex);
		}
	}

	/**
	 * Whether a run this engine executes is no longer its own: deleted, taken over by another
	 * engine, or stopped other than by its execution here (cancelled or expired). A run that
	 * stopped as its execution ends it (completed, incomplete, failed) is still this execution's,
	 * whose last events may not be out yet. (So is a run another engine took over and failed at
	 * once, which happens only to an engine that could not renew its leases for a whole lease: its
	 * execution then writes nothing more, as each write finds the run stopped.)
	 */
	private static boolean lost(@Nullable RunLease run) {
		return run == null || (!run.held() && !EXECUTION_ENDS.contains(run.status()));
	}

}
