package dev.assistants.engine.store;

/**
 * A run an engine executes, as a renewal of its leases finds it.
 *
 * @param status the run's status
 * @param held whether the engine still holds the run's lease: not when the run has stopped (its
 * lease ended with it) or another engine took it over
 */
public record RunLease(String status, boolean held) {
}
