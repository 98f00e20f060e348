/**
 * The engine's store in PostgreSQL.
 */
@NullMarked
package dev.assistants.store.postgresql;

import org.jspecify.annotations.NullMarked;
