/**
 * Auto-configuration of {@link dev.assistants.client.AssistantsOperations} from the
 * {@code openai.*} properties.
 */
@NullMarked
package dev.assistants.autoconfigure;

import org.jspecify.annotations.NullMarked;
