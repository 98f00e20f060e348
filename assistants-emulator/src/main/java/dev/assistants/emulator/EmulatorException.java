package dev.assistants.emulator;

import org.jspecify.annotations.Nullable;

/**
 * An error the emulator answers with, in OpenAI's shape:
 * {@code {"error": {"message", "type", "param", "code"}}}.
 */
final class EmulatorException extends RuntimeException {

	private final int status;

	private final @Nullable String param;

	EmulatorException(int status, String message, @Nullable String param) {
		super(message, null, false, false);
		this.status = status;
		this.param = param;
	}

	static EmulatorException notFound(String kind, String id) {
		return new EmulatorException(404, "No " + kind + " found with id '" + id + "'.", null);
	}

	static EmulatorException invalid(String message, @Nullable String param) {
		return new EmulatorException(400, message, param);
	}

	int status() {
		return this.status;
	}

	@Nullable String param() {
		return this.param;
	}

	String type() {
		return (this.status == 404 || this.status == 400) ? "invalid_request_error" : "server_error";
	}

}
