package dev.assistants.engine;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.ObjectKind;

/**
 * An error the engine answers with, in OpenAI's shape:
 * {@code {"error": {"message", "type", "param", "code"}}}.
 */
final class ApiException extends RuntimeException {

	private final int status;

	private final @Nullable String param;

	private final @Nullable String code;

	ApiException(int status, String message, @Nullable String param, @Nullable String code) {
		super(message, null, false, false);
		this.status = status;
		this.param = param;
		this.code = code;
	}

	static ApiException notFound(ObjectKind kind, String id) {
		return new ApiException(404, "No " + kind.description() + " found with id '" + id + "'.", null, null);
	}

	static ApiException invalid(String message, @Nullable String param) {
		return new ApiException(400, message, param, null);
	}

	static ApiException invalid(String message, @Nullable String param, String code) {
		return new ApiException(400, message, param, code);
	}

	int status() {
		return this.status;
	}

	/**
	 * The error as the API sends it.
	 */
	ObjectNode body() {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.putObject("error")
			.put("message", getMessage())
			.put("type", type())
			.put("param", this.param)
			.put("code", this.code);
		return body;
	}

	private String type() {
		if (this.status >= 500) {
			return "server_error";
		}
		return (this.status == 429) ? "requests" : "invalid_request_error";
	}

}
