/**
 * Auto-configuration of the Assistants server: the engine with its store, model and API keys.
 */
@NullMarked
package dev.assistants.server.autoconfigure;

import org.jspecify.annotations.NullMarked;
