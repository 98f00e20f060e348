package dev.assistants.engine;

import org.jspecify.annotations.Nullable;

/**
 * Who is calling: the project an API key belongs to. Every object belongs to the project of the key
 * that created it, and a project sees only its own objects.
 */
@FunctionalInterface
public interface Projects {

	/**
	 * The project of a request's API key, from its {@code Authorization: Bearer <key>} header, else
	 * its {@code api-key: <key>} header (as Azure-style clients send it).
	 * @param apiKey the key, or {@code null} if the request carries none
	 * @return the project, or {@code null} to refuse the request with a 401
	 */
	@Nullable String projectOf(@Nullable String apiKey);

	/**
	 * One project for every request, with a key or without: for development and tests.
	 * @param project the project
	 * @return the projects
	 */
	static Projects single(String project) {
		return (apiKey) -> project;
	}

}
