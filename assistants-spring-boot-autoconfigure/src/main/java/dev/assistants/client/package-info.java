/**
 * The Assistants API v2 client: {@link dev.assistants.client.AssistantsOperations}, its WebClient
 * implementation {@link dev.assistants.client.AssistantsTemplate}, and the exceptions it signals.
 */
@NullMarked
package dev.assistants.client;

import org.jspecify.annotations.NullMarked;
