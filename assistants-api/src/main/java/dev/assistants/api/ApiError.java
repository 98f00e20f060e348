package dev.assistants.api;

import org.jspecify.annotations.Nullable;

/**
 * The error a server describes in an OpenAI-style error body
 * ({@code {"error": {"message", "type", "param", "code"}}}, the specification's {@code Error}).
 *
 * @param message a human-readable description
 * @param type the error type, for example {@code invalid_request_error}
 * @param param the parameter the error is about, if any
 * @param code a machine-readable code, if any
 */
public record ApiError(@Nullable String message, @Nullable String type, @Nullable String param,
		@Nullable String code) {
}
