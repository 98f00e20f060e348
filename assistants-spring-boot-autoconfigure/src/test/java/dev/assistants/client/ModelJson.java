package dev.assistants.client;

import tools.jackson.databind.json.JsonMapper;

/**
 * Gives tests outside this package the client's own JSON configuration.
 */
public final class ModelJson {

	private ModelJson() {
	}

	public static JsonMapper mapper() {
		return JsonSupport.createMapper();
	}

}
