package dev.assistants.store.postgresql;

import java.util.List;
import java.util.stream.Collectors;

import dev.assistants.engine.store.StoreTransaction;

/**
 * The run statuses the store's SQL names, as SQL lists generated from the engine's one definition
 * of them ({@link StoreTransaction#ACTIVE_RUN_STATUSES} and
 * {@link StoreTransaction#EXECUTED_RUN_STATUSES}): written into statements and index predicates as
 * literals, so that the planner can match a query to a partial index whatever its parameters.
 */
final class RunStatusSql {

	/** The statuses of a run that has not stopped, such as {@code ('cancelling', 'in_progress', ...)}. */
	static final String ACTIVE = list(StoreTransaction.ACTIVE_RUN_STATUSES);

	/** The statuses of a run that an engine executes, or is about to. */
	static final String EXECUTED = list(StoreTransaction.EXECUTED_RUN_STATUSES);

	private RunStatusSql() {
	}

	private static String list(List<String> statuses) {
		return statuses.stream()
			.map((status) -> "'" + status.replace("'", "''") + "'")
			.collect(Collectors.joining(", ", "(", ")"));
	}

}
