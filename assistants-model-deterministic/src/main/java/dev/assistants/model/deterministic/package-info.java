/**
 * A model for the engine that needs no network and answers the same way every time.
 */
@NullMarked
package dev.assistants.model.deterministic;

import org.jspecify.annotations.NullMarked;
