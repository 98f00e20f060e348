package dev.assistants.client;

/**
 * How the API key is sent to the server.
 */
public enum AuthStyle {

	/** {@code Authorization: Bearer <key>}, as OpenAI and most compatible servers expect. */
	BEARER,

	/** {@code api-key: <key>}, as Azure OpenAI-style deployments expect. */
	API_KEY

}
