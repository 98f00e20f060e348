/**
 * The Assistants server: the engine on Spring Boot, with its store, its model and its API keys.
 */
@NullMarked
package dev.assistants.server;

import org.jspecify.annotations.NullMarked;
