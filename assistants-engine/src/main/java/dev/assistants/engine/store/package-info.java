/**
 * The store port: where the engine keeps assistants, threads, messages, runs and run steps, and
 * the transactions that keep the API's invariants.
 */
@NullMarked
package dev.assistants.engine.store;

import org.jspecify.annotations.NullMarked;
