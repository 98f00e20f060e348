package dev.assistants.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.assistants.engine.store.StoredRun;
import dev.assistants.store.postgresql.PostgresStore;

/**
 * The cost of one expiry sweep on PostgreSQL as the runs waiting grow: with 1,000, 10,000 and
 * 100,000 runs waiting in {@code requires_action} (their {@code expires_at} to come) and 100 runs
 * due, the time to read the runs due ({@code dueRuns}, as the sweep reads them, in a transaction
 * rolled back so that the same runs stay due) and the rows PostgreSQL read for it, from
 * {@code EXPLAIN (ANALYZE, BUFFERS)}; beside it, the read the sweep made before, every active run
 * with its {@code expires_at} taken from the JSON body, to be filtered in Java.
 * <p>
 * Run with {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * dev.assistants.benchmarks.SweepLoad}.
 */
public final class SweepLoad {

	private static final int DUE = 100;

	private static final long NOW = 1_800_000_000L;

	private static final int MEASURED = 200;

	private SweepLoad() {
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
				SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
						postgres.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", true)) {
			PostgresStore.migrate(dataSource);
			PostgresStore store = new PostgresStore(dataSource);
			JdbcClient jdbc = JdbcClient.create(dataSource);
			addRuns(jdbc, "due", DUE, "queued", NOW - 60);
			System.out.println("| Runs waiting | Runs due | dueRuns p50 | dueRuns p99 | Rows read by the plan | Plan | "
					+ "Before: all active runs, p50 | Rows |");
			System.out.println("|---|---|---|---|---|---|---|---|");
			int waiting = 0;
			for (int target : List.of(1_000, 10_000, 100_000)) {
				addRuns(jdbc, "waiting-" + target, target - waiting, "requires_action", NOW + 600);
				waiting = target;
				jdbc.sql("analyze runs").update();
				List<Long> nanos = new ArrayList<>();
				for (int i = 0; i < 50 + MEASURED; i++) {
					long start = System.nanoTime();
					List<StoredRun> due = store.inTransaction((tx) -> tx.dueRuns(NOW, DUE));
					long took = System.nanoTime() - start;
					if (due.size() != DUE) {
						throw new IllegalStateException("Expected " + DUE + " runs due but read " + due.size());
					}
					if (i >= 50) {
						nanos.add(took);
					}
				}
				nanos.sort(null);
				List<String> plan = jdbc.sql("explain (analyze, buffers, format text) select project, thread_id, id, "
						+ "status, expires_at from runs where expires_at <= " + NOW + " order by expires_at limit " + DUE
						+ " for update skip locked")
					.query(String.class)
					.list();
				List<Long> before = new ArrayList<>();
				int rows = 0;
				for (int i = 0; i < 25; i++) {
					long start = System.nanoTime();
					// the read of the sweep before its own index: every active run, expires_at from the body
					rows = jdbc.sql("select project, thread_id, id, status, coalesce((body->>'expires_at')::bigint, 0) "
							+ "from runs where status in ('queued', 'in_progress', 'requires_action', 'cancelling') order by seq")
						.query()
						.listOfRows()
						.size();
					before.add(System.nanoTime() - start);
				}
				before.sort(null);
				String scan = plan.stream().filter((line) -> line.contains("Scan")).findFirst().orElse("?").trim();
				System.out.printf(Locale.ROOT, "| %,d | %d | %s | %s | %s | %s | %s | %,d |%n", waiting, DUE,
						millis(nanos.get(nanos.size() / 2)), millis(nanos.get(nanos.size() * 99 / 100)), rowsRead(plan),
						scan.substring(scan.indexOf("Index") >= 0 ? scan.indexOf("Index") : 0, scan.indexOf("  (")),
						millis(before.get(before.size() / 2)), rows);
			}
		}
	}

	/** Runs in threads of their own, as a thread has one active run at most. */
	private static void addRuns(JdbcClient jdbc, String prefix, int count, String status, long expiresAt) {
		jdbc.sql("insert into threads (id, project, created_at, body) select 'thread_' || :prefix || '_' || i, 'p', 1, "
				+ "'{}'::jsonb from generate_series(1, :count) i")
			.param("prefix", prefix)
			.param("count", count)
			.update();
		jdbc.sql("insert into runs (id, project, thread_id, assistant_id, status, created_at, expires_at, body) "
				+ "select 'run_' || :prefix || '_' || i, 'p', 'thread_' || :prefix || '_' || i, 'asst_1', :status, 1, "
				+ ":expires_at, jsonb_build_object('id', 'run_' || :prefix || '_' || i, 'status', :status, "
				+ "'expires_at', :expires_at) from generate_series(1, :count) i")
			.param("prefix", prefix)
			.param("count", count)
			.param("status", status)
			.param("expires_at", expiresAt)
			.update();
	}

	/** The rows the plan's scan nodes read, from their {@code actual ... rows=N} figures. */
	private static long rowsRead(List<String> plan) {
		long rows = 0;
		for (String line : plan) {
			if (line.contains("Scan") && line.contains("actual")) {
				String after = line.substring(line.indexOf("rows=", line.indexOf("actual")) + 5);
				rows += Long.parseLong(after.substring(0, after.indexOf(' ')));
			}
		}
		return rows;
	}

	private static String millis(long nanos) {
		return String.format(Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
	}

}
