package dev.assistants.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the Assistants API is and how to authenticate to it. By default taken from
 * {@link OpenAiProperties}; define a bean of this type to supply them from elsewhere, for example
 * from a server a test starts.
 */
public interface OpenAiConnectionDetails extends ConnectionDetails {

	/**
	 * The base URL of the API, such as {@code https://api.openai.com/v1}.
	 * @return the base URL
	 */
	String getBaseUrl();

	/**
	 * The API key.
	 * @return the API key, or {@code null} to send no authentication header
	 */
	@Nullable String getApiKey();

}
