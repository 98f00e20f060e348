/**
 * An embedding model in the server's process, for semantic file search offline.
 */
@NullMarked
package dev.assistants.embeddings.local;

import org.jspecify.annotations.NullMarked;
