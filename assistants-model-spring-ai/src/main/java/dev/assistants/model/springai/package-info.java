/**
 * A model for the engine over any Spring AI {@code ChatModel}, and a non-blocking Spring AI
 * {@code ChatModel} for OpenAI-compatible endpoints.
 */
@NullMarked
package dev.assistants.model.springai;

import org.jspecify.annotations.NullMarked;
