package dev.assistants.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * {@link OpenAiConnectionDetails} taken from {@link OpenAiProperties}.
 */
final class PropertiesOpenAiConnectionDetails implements OpenAiConnectionDetails {

	private final OpenAiProperties properties;

	PropertiesOpenAiConnectionDetails(OpenAiProperties properties) {
		this.properties = properties;
	}

	@Override
	public String getBaseUrl() {
		return this.properties.getBaseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		return this.properties.getApiKey();
	}

}
