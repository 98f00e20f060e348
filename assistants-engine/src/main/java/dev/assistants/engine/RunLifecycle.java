package dev.assistants.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * The changes of a run's status outside a model's turn: starting, finishing a cancel, expiring,
 * failing. Each is one transaction that moves the run on only from the status it expects, so a
 * change that comes too late (a run cancelled meanwhile) changes nothing. When a run stops, its
 * steps still in progress and the messages it was writing stop with it.
 */
final class RunLifecycle {

	/** Where a run or a step keeps the tokens used so far, shown as {@code usage} once it stops. */
	static final String USAGE = "_usage";

	private final AssistantsStore store;

	private final ApiObjects objects;

	RunLifecycle(AssistantsStore store, ApiObjects objects) {
		this.store = store;
		this.objects = objects;
	}

	/** {@code queued} to {@code in_progress}. */
	List<RunEvent> start(RunRef ref) {
		return this.store.inTransaction((tx) -> start(tx, ref));
	}

	/** {@code queued} to {@code in_progress}, in the caller's transaction. */
	List<RunEvent> start(StoreTransaction tx, RunRef ref) {
		return lock(tx, ref).filter((run) -> "queued".equals(ApiObjects.status(run))).map((run) -> {
			run.put("status", "in_progress");
			if (run.path("started_at").isNull()) {
				run.put("started_at", this.objects.now());
			}
			tx.update(ObjectKind.RUN, ref.project(), run);
			return List.of(RunEvent.of("thread.run.in_progress", run));
		}).orElse(List.of());
	}

	/** {@code cancelling} to {@code cancelled}, as a server does a moment after the request. */
	List<RunEvent> finishCancelling(RunRef ref) {
		return this.store.inTransaction((tx) -> lock(tx, ref)
			.filter((run) -> "cancelling".equals(ApiObjects.status(run)))
			.map((run) -> stop(tx, ref, run, "cancelled", "cancelled_at", null))
			.orElse(List.of()));
	}

	/** Any status of a run that has not stopped to {@code expired}. */
	List<RunEvent> expire(RunRef ref) {
		return this.store.inTransaction((tx) -> lock(tx, ref).filter((run) -> StoreTransaction.ACTIVE_RUN_STATUSES.contains(ApiObjects.status(run)))
			.map((run) -> stop(tx, ref, run, "expired", "expires_at", null))
			.orElse(List.of()));
	}

	/** {@code in_progress} to {@code failed}. */
	List<RunEvent> fail(RunRef ref, LastErrorCode code, String message) {
		return this.store.inTransaction((tx) -> lock(tx, ref).filter((run) -> "in_progress".equals(ApiObjects.status(run)))
			.map((run) -> fail(tx, ref, run, code, message))
			.orElse(List.of()));
	}

	/** The run, read in the caller's transaction and in progress, to {@code failed}. */
	List<RunEvent> fail(StoreTransaction tx, RunRef ref, ObjectNode run, LastErrorCode code, String message) {
		return stop(tx, ref, run, "failed", "failed_at",
				NODES.objectNode().put("code", code.value()).put("message", message));
	}

	/** The run, locked in the caller's transaction, if it is still in progress. */
	Optional<ObjectNode> inProgress(StoreTransaction tx, RunRef ref) {
		return lock(tx, ref).filter((run) -> "in_progress".equals(ApiObjects.status(run)));
	}

	/** Add a turn's tokens to those of the run so far. */
	static void addUsage(ObjectNode object, TokenUsage usage) {
		ObjectNode sum = object.has(USAGE) ? (ObjectNode) object.get(USAGE) : NODES.objectNode();
		sum.put("prompt_tokens", sum.path("prompt_tokens").asLong(0) + usage.promptTokens());
		sum.put("completion_tokens", sum.path("completion_tokens").asLong(0) + usage.completionTokens());
		object.set(USAGE, sum);
	}

	/** Show the tokens used so far as the object's {@code usage}, now that it has stopped. */
	static void showUsage(ObjectNode object) {
		ObjectNode sum = (ObjectNode) object.remove(USAGE);
		if (sum != null) {
			long prompt = sum.path("prompt_tokens").asLong(0);
			long completion = sum.path("completion_tokens").asLong(0);
			object.set("usage", NODES.objectNode()
				.put("completion_tokens", completion)
				.put("prompt_tokens", prompt)
				.put("total_tokens", prompt + completion));
		}
	}

	private List<RunEvent> stop(StoreTransaction tx, RunRef ref, ObjectNode run, String status, String timestampField,
			@Nullable ObjectNode lastError) {
		List<RunEvent> events = new ArrayList<>(stopOpenParts(tx, ref, status, lastError));
		run.put("status", status);
		run.put(timestampField, this.objects.now());
		run.putNull("required_action");
		if (lastError != null) {
			run.set("last_error", lastError);
		}
		showUsage(run);
		tx.update(ObjectKind.RUN, ref.project(), run);
		events.add(RunEvent.of("thread.run." + status, run));
		return events;
	}

	/** The run's steps in progress and the messages it was writing stop as the run does. */
	private List<RunEvent> stopOpenParts(StoreTransaction tx, RunRef ref, String status, @Nullable ObjectNode lastError) {
		List<RunEvent> events = new ArrayList<>();
		Scope scope = Scope.run(ref.threadId(), ref.runId());
		for (ObjectNode message : tx.list(ObjectKind.MESSAGE, ref.project(), scope)) {
			if ("in_progress".equals(ApiObjects.status(message))) {
				message.put("status", "incomplete");
				message.put("incomplete_at", this.objects.now());
				message.set("incomplete_details", NODES.objectNode().put("reason", "run_" + status));
				tx.update(ObjectKind.MESSAGE, ref.project(), message);
				events.add(RunEvent.of("thread.message.incomplete", message));
			}
		}
		for (ObjectNode step : tx.list(ObjectKind.RUN_STEP, ref.project(), scope)) {
			if ("in_progress".equals(ApiObjects.status(step))) {
				step.put("status", status);
				step.put(status + "_at", this.objects.now());
				if (lastError != null) {
					step.set("last_error", lastError.deepCopy());
				}
				showUsage(step);
				tx.update(ObjectKind.RUN_STEP, ref.project(), step);
				events.add(RunEvent.of("thread.run.step." + status, step));
			}
		}
		return events;
	}

	private static Optional<ObjectNode> lock(StoreTransaction tx, RunRef ref) {
		return tx.lock(ObjectKind.RUN, ref.project(), ref.runId())
			.filter((run) -> ref.threadId().equals(run.path("thread_id").asString(null)));
	}

}
