package dev.assistants.engine;

import org.jspecify.annotations.Nullable;

/**
 * The API keys the engine accepts, and the caller each one is. Every object belongs to the project
 * of the key that created it, and a project sees only its own objects.
 */
@FunctionalInterface
public interface ApiKeys {

	/**
	 * The caller of a request's API key: the one the request carries in its
	 * {@code Authorization: Bearer <key>} header or its {@code api-key: <key>} header (as Azure-style
	 * clients send it), or both, if they hold the same key.
	 * @param apiKey the key, or {@code null} if the request carries none
	 * @return the caller, or {@code null} to refuse the request with a 401
	 */
	@Nullable ApiCaller caller(@Nullable String apiKey);

	/**
	 * Every request one caller, with a key or without: for development and tests.
	 * @param project the caller's project
	 * @return the keys
	 */
	static ApiKeys anyKey(String project) {
		ApiCaller caller = new ApiCaller(project, "any");
		return (apiKey) -> caller;
	}

}
