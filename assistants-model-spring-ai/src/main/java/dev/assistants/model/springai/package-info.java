/**
 * A model for the engine over any Spring AI {@code ChatModel}.
 */
@NullMarked
package dev.assistants.model.springai;

import org.jspecify.annotations.NullMarked;
