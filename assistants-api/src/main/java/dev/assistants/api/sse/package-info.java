/**
 * The {@code text/event-stream} format the API streams in, read from bytes.
 */
@NullMarked
package dev.assistants.api.sse;

import org.jspecify.annotations.NullMarked;
