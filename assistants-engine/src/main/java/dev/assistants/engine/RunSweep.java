package dev.assistants.engine;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.assistants.api.LastErrorCode;
import dev.assistants.api.RunStatus;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.StoredRun;

/**
 * What the engine does at each check interval, whoever is polling: expire the runs that have not
 * stopped by their {@code expires_at} (one engine of those on the store at a time, in bounded
 * batches read by an index of the runs due, so that a sweep's cost grows with the runs due and not
 * with the runs waiting), and take over the runs whose engine stopped.
 */
final class RunSweep {

	private static final Log logger = LogFactory.getLog(RunSweep.class);

	private static final String INTERRUPTED = "The run was interrupted: its server stopped while the run was in progress.";

	/** The task only one engine on the store does at a time. */
	private static final String EXPIRE_RUNS = "expire-runs";

	/** The most due runs one transaction reads. */
	static final int EXPIRED_AT_ONCE = 100;

	/** The most batches of due runs one sweep expires; the rest wait for the next sweep. */
	private static final int EXPIRY_BATCHES = 10;

	/** The most runs an engine takes over in one sweep, so that one engine does not take all at once. */
	private static final int TAKE_OVER_AT_ONCE = 50;

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RunExecutor executor;

	private final RunLifecycle lifecycle;

	private final RunLeases leases;

	private final EngineListener listener;

	private final ExecutionObserver observer;

	RunSweep(AssistantsStore store, ApiObjects objects, RunExecutor executor, RunLifecycle lifecycle, RunLeases leases,
			EngineListener listener, ExecutionObserver observer) {
		this.store = store;
		this.objects = objects;
		this.executor = executor;
		this.lifecycle = lifecycle;
		this.leases = leases;
		this.listener = listener;
		this.observer = observer;
	}

	/** Expire the runs due, if this engine's turn, then take over abandoned runs. */
	void sweep() {
		expireDueRuns(this.objects.now());
		takeOverAbandonedRuns();
	}

	/**
	 * Expire the runs due now, batch by batch, each read in a transaction that holds the task, so
	 * that one engine of those on the store does it; the first also counts the runs queued.
	 */
	private void expireDueRuns(long now) {
		for (int batch = 0; batch < EXPIRY_BATCHES; batch++) {
			boolean first = batch == 0;
			List<StoredRun> due = this.store.inTransaction((tx) -> {
				if (!tx.claimTask(EXPIRE_RUNS)) {
					return null;
				}
				if (first) {
					this.listener.runsQueued(tx.queuedRuns());
				}
				return tx.dueRuns(now, EXPIRED_AT_ONCE);
			});
			if (due == null) {
				return;
			}
			due.forEach((run) -> this.executor.expire(ref(run)));
			if (due.size() < EXPIRED_AT_ONCE) {
				return;
			}
		}
	}

	/**
	 * Take over the runs under way whose lease expired, as their engine stopped (or handed them
	 * back): a queued run executes here; a run that was in progress fails, as its model turn was
	 * lost with its engine; a cancelling run is cancelled. Runs that require action wait for their
	 * outputs until they expire.
	 */
	void takeOverAbandonedRuns() {
		List<StoredRun> runs = this.store.inTransaction(
				(tx) -> tx.takeOverRuns(this.leases.owner(), this.leases.duration(), TAKE_OVER_AT_ONCE));
		for (StoredRun run : runs) {
			RunRef ref = ref(run);
			RunStatus status = RunStatus.of(run.status());
			if (RunStatus.QUEUED.equals(status)) {
				this.executor.execute(ref, false, null);
			}
			else if (RunStatus.IN_PROGRESS.equals(status)) {
				this.lifecycle.fail(ref, LastErrorCode.SERVER_ERROR, INTERRUPTED).forEach(this.observer::told);
			}
			else {
				this.lifecycle.finishCancelling(ref).forEach(this.observer::told);
			}
		}
		if (!runs.isEmpty()) {
			this.listener.runsTakenOver(runs.size());
			logger.info("Took over " + runs.size() + " run(s) whose server stopped while they were under way: "
					+ runs.stream().map((run) -> run.runId() + " (" + run.status() + ")").collect(Collectors.joining(", ")));
		}
	}

	private static RunRef ref(StoredRun run) {
		return new RunRef(run.project(), run.threadId(), run.runId());
	}

}
