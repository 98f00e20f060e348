package dev.assistants.store.postgresql;

import java.sql.Statement;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.jspecify.annotations.Nullable;

/**
 * The store's migrations that are made from the engine's definition of run statuses
 * ({@link RunStatusSql}), beside the SQL ones at {@link PostgresStore#MIGRATIONS}.
 */
final class SchemaMigrations {

	private SchemaMigrations() {
	}

	/**
	 * Version 3: when each run that has not stopped expires, as a column of its own
	 * ({@code expires_at}, filled for the runs already there, null once a run stops) with an index
	 * of those runs, so that expiring the runs due reads those and no others. It has no checksum:
	 * the statuses it fills the column for may change later, its effect on the runs then there not.
	 */
	static JavaMigration runExpiry() {
		return new SqlMigration(MigrationVersion.fromVersion("3"), "run expiry",
				"alter table runs add column expires_at bigint; "
						+ "update runs set expires_at = (body->>'expires_at')::bigint where status in "
						+ RunStatusSql.ACTIVE + "; "
						+ "create index runs_by_expiry on runs (expires_at) where expires_at is not null",
				false);
	}

	/**
	 * The indexes whose predicates name run statuses: a repeatable migration, which Flyway applies
	 * again, after the versioned ones, whenever the statuses change (its checksum is its
	 * statements'). It replaces the indexes of the same names the first migrations made with the
	 * statuses of their day.
	 */
	static JavaMigration runStatusIndexes() {
		return new SqlMigration(null, "run status indexes", "drop index if exists runs_one_active_per_thread; "
				// at most one run per thread that has not stopped: the store's own guard of the API's invariant
				+ "create unique index runs_one_active_per_thread on runs (thread_id) where status in "
				+ RunStatusSql.ACTIVE + "; drop index if exists runs_active; "
				+ "create index runs_active on runs (status) where status in " + RunStatusSql.ACTIVE
				+ "; drop index if exists runs_to_take_over; "
				+ "create index runs_to_take_over on runs (lease_until nulls first) where status in "
				+ RunStatusSql.EXECUTED, true);
	}

	/**
	 * A migration of SQL statements made at run time.
	 */
	private static final class SqlMigration implements JavaMigration {

		private final @Nullable MigrationVersion version;

		private final String description;

		private final String sql;

		private final boolean checked;

		/**
		 * @param version its version, {@code null} for a repeatable migration
		 * @param checked whether its checksum is its statements'
		 */
		SqlMigration(@Nullable MigrationVersion version, String description, String sql, boolean checked) {
			this.version = version;
			this.description = description;
			this.sql = sql;
			this.checked = checked;
		}

		@Override
		public @Nullable MigrationVersion getVersion() {
			return this.version;
		}

		@Override
		public String getDescription() {
			return this.description;
		}

		@Override
		public @Nullable Integer getChecksum() {
			return this.checked ? this.sql.hashCode() : null;
		}

		@Override
		public boolean canExecuteInTransaction() {
			return true;
		}

		@Override
		public void migrate(Context context) throws Exception {
			try (Statement statement = context.getConnection().createStatement()) {
				statement.execute(this.sql);
			}
		}

	}

}
