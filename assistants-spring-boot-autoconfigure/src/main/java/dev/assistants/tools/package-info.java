/**
 * The tool-call loop: {@link dev.assistants.tools.AssistantFunction}s declared once (for example as
 * Spring beans) and answered by {@link dev.assistants.tools.AssistantToolCalls} whenever a run asks
 * for them.
 */
@NullMarked
package dev.assistants.tools;

import org.jspecify.annotations.NullMarked;
