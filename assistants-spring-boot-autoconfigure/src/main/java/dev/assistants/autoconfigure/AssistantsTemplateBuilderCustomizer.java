package dev.assistants.autoconfigure;

import dev.assistants.client.AssistantsTemplate;

/**
 * Callback to customize the {@link AssistantsTemplate.Builder} the auto-configuration uses, after
 * the {@code openai.*} properties are applied; for example to set a proxying connector.
 */
@FunctionalInterface
public interface AssistantsTemplateBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder to customize
	 */
	void customize(AssistantsTemplate.Builder builder);

}
