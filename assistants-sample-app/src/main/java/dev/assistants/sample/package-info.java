/**
 * A Spring Boot application built on the Assistants starter.
 */
@NullMarked
package dev.assistants.sample;

import org.jspecify.annotations.NullMarked;
