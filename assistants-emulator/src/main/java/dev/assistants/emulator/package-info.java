/**
 * An in-process, stateful emulator of the OpenAI Assistants API v2 on loopback: all 23
 * operations, run lifecycles with streaming, a deterministic "model" that tests can script, and
 * test support for JUnit 5 and Spring Boot.
 */
@NullMarked
package dev.assistants.emulator;

import org.jspecify.annotations.NullMarked;
