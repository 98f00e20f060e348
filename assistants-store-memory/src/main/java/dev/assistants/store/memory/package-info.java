/**
 * The engine's store in memory.
 */
@NullMarked
package dev.assistants.store.memory;

import org.jspecify.annotations.NullMarked;
