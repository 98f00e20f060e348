/**
 * Actuator health of the Assistants API server.
 */
@NullMarked
package dev.assistants.health;

import org.jspecify.annotations.NullMarked;
