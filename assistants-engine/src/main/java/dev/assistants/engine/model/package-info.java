/**
 * The model port: what the engine asks for each turn of a run, and what a model answers.
 */
@NullMarked
package dev.assistants.engine.model;

import org.jspecify.annotations.NullMarked;
