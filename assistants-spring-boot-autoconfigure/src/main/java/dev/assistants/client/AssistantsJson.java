package dev.assistants.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON configuration the client owns, independent of the application's {@code spring.jackson.*}
 * settings: what goes on the wire is always the specification's shape. Use it to read or write the
 * model the way the client does, for example in tests or in a server of the API.
 */
public final class AssistantsJson {

	private AssistantsJson() {
	}

	/**
	 * A new mapper with the client's configuration: unknown properties ignored, {@code null}s not
	 * written.
	 * @return the mapper
	 */
	public static JsonMapper createMapper() {
		return JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
			.build();
	}

}
