/**
 * The Assistants API v2 protocol, once: {@link dev.assistants.engine.AssistantsEngine} serves the
 * 23 operations as WebFlux routes under {@code /v1} over a
 * {@linkplain dev.assistants.engine.store store} and a {@linkplain dev.assistants.engine.model model}.
 */
@NullMarked
package dev.assistants.engine;

import org.jspecify.annotations.NullMarked;
