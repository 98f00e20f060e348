/**
 * Micrometer observation of the client's operations: one {@code assistants.client.operation}
 * observation per call, which gives a timer and a span.
 */
@NullMarked
package dev.assistants.client.observation;

import org.jspecify.annotations.NullMarked;
