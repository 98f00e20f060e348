/**
 * The port of the {@code code_interpreter} tool: a {@link CodeExecutor} runs a thread's code in a
 * sandboxed session of its own, implemented by an adapter beside the engine.
 */
@NullMarked
package dev.assistants.engine.code;

import org.jspecify.annotations.NullMarked;
