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

	RUNS("runs", "thread_id", "assistant_id", "status", "expires_at"),

	RUN_STEPS("run_steps", "thread_id", "run_id", "status"),

	FILES("files", "purpose", "expires_at"),

	UPLOADS("uploads", "expires_at"),

	VECTOR_STORES("vector_stores"),

	VECTOR_STORE_FILES("vector_store_files", "vector_store_id", "file_id", "status", "batch_id", "ingest_until"),

	VECTOR_STORE_FILE_BATCHES("vector_store_file_batches", "vector_store_id");

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
				+ this.columns.stream()
					.filter(Columns.CHANGING::contains)
					.map((column) -> ", " + column + " = :" + column)
					.collect(Collectors.joining())
				+ (table.equals("runs") ? Columns.LEASE_ENDS_WHEN_STOPPED : "") + " where id = :id and project = :project";
	}

	static Table of(ObjectKind kind) {
		return switch (kind) {
			case ASSISTANT -> ASSISTANTS;
			case THREAD -> THREADS;
			case MESSAGE -> MESSAGES;
			case RUN -> RUNS;
			case RUN_STEP -> RUN_STEPS;
			case FILE -> FILES;
			case UPLOAD -> UPLOADS;
			case VECTOR_STORE -> VECTOR_STORES;
			case VECTOR_STORE_FILE -> VECTOR_STORE_FILES;
			case VECTOR_STORE_FILE_BATCH -> VECTOR_STORE_FILE_BATCHES;
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

	/** What the statements of every table are made of (an enum's constructor reads no static field of its own). */
	private static final class Columns {

		/** The columns whose values change with the object's: the others are set once, when it is added. */
		static final List<String> CHANGING = List.of("status", "expires_at", "ingest_until");

		/** A run that stops is nobody's to execute any more. */
		static final String LEASE_ENDS_WHEN_STOPPED = ", lease_owner = case when :status in " + RunStatusSql.ACTIVE
				+ " then lease_owner end, lease_until = case when :status in " + RunStatusSql.ACTIVE
				+ " then lease_until end";

	}

}
