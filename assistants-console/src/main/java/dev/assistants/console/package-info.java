/**
 * The server's web console: static ES modules served at {@code /}, calling the API as the
 * signed-in key's project.
 */
@NullMarked
package dev.assistants.console;

import org.jspecify.annotations.NullMarked;
