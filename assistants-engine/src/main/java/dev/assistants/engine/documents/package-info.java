/**
 * The ports of the engine's file search: reading a file's text ({@link TextExtractor}) and
 * embedding text ({@link Embeddings}), each implemented by an adapter beside the engine.
 */
@NullMarked
package dev.assistants.engine.documents;

import org.jspecify.annotations.NullMarked;
