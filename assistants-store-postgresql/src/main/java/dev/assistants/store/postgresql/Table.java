package dev.assistants.store.postgresql;

import java.util.List;
import java.util.stream.Collectors;

import dev.assistants.engine.store.ObjectKind;

/**
 * The table of each kind of object, and the columns it takes from an object's body besides
 * {@code id}, {@code project}, {@code created_at} and the body itself.
 */
enum Table {

	ASSISTANTS("assistants"),

	THREADS("threads"),

	MESSAGES("messages", "thread_id", "run_id"),

	RUNS("runs", "thread_id", "assistant_id", "status"),

	RUN_STEPS("run_steps", "thread_id", "run_id", "status");

	/** A run that stops is nobody's to execute any more. */
	private static final String LEASE_ENDS_WHEN_STOPPED = ", lease_owner = case when :status in ('queued', "
			+ "'in_progress', 'requires_action', 'cancelling') then lease_owner end, lease_until = case when :status in "
			+ "('queued', 'in_progress', 'requires_action', 'cancelling') then lease_until end";

	private final String table;

	private final List<String> columns;

	private final String insert;

	private final String update;

	Table(String table, String... columns) {
		this.table = table;
		this.columns = List.of(columns);
		this.insert = "insert into " + table + " (id, project, created_at"
				+ this.columns.stream().map((column) -> ", " + column).collect(Collectors.joining())
				+ ", body) values (:id, :project, :created_at"
				+ this.columns.stream().map((column) -> ", :" + column).collect(Collectors.joining())
				+ ", cast(:body as jsonb))";
		this.update = "update " + table + " set body = cast(:body as jsonb)"
				+ (this.columns.contains("status") ? ", status = :status" : "")
				+ (table.equals("runs") ? LEASE_ENDS_WHEN_STOPPED : "") + " where id = :id and project = :project";
	}

	static Table of(ObjectKind kind) {
		return switch (kind) {
			case ASSISTANT -> ASSISTANTS;
			case THREAD -> THREADS;
			case MESSAGE -> MESSAGES;
			case RUN -> RUNS;
			case RUN_STEP -> RUN_STEPS;
		};
	}

	String table() {
		return this.table;
	}

	/** The columns besides {@code id}, {@code project}, {@code created_at} and {@code body}. */
	List<String> columns() {
		return this.columns;
	}

	String insert() {
		return this.insert;
	}

	String update() {
		return this.update;
	}

}
