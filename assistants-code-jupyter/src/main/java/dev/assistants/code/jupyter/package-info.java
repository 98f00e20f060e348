/**
 * Runs the code of {@code code_interpreter} calls in Jupyter kernels: {@link LocalKernels} on this
 * host, each kernel in a bubblewrap sandbox of its own.
 */
@NullMarked
package dev.assistants.code.jupyter;

import org.jspecify.annotations.NullMarked;
