package dev.assistants.autoconfigure;

/**
 * Thrown at startup when the client would talk to OpenAI's own API without an API key.
 */
class MissingApiKeyException extends RuntimeException {

	MissingApiKeyException(String baseUrl) {
		super("No API key is configured for " + baseUrl);
	}

}
