package dev.assistants.engine;

import java.time.Duration;

/**
 * How this engine holds the runs it executes, when several engines share a store: each run under
 * way is leased to one engine, by its instance ID, for a duration it renews while it executes the
 * run. A lease that is not renewed expires, and another engine takes the run over.
 *
 * @param owner this engine's instance ID
 * @param duration how long a lease lasts unless renewed
 */
record RunLeases(String owner, Duration duration) {

	/** How often an engine renews its leases: three times a lease, so that a late renewal is no loss. */
	Duration renewInterval() {
		return this.duration.dividedBy(3);
	}

}
