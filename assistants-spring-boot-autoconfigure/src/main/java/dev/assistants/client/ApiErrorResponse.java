package dev.assistants.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.ApiError;

/**
 * What an error answer said: its status, the error it described, and how it asked to be retried.
 *
 * @param statusCode the HTTP status code
 * @param error the error the server described in an OpenAI-style body, if any
 * @param requestId the {@code x-request-id} header, if any
 * @param body the start of the raw body when it held no OpenAI-style error, otherwise {@code null}
 * @param retryable whether the request may be retried: the {@code x-should-retry} header when the
 * server sent one, otherwise whether the status is 408, 409, 429 or 5xx
 * @param retryAfter the delay the server asked for ({@code retry-after-ms} or {@code Retry-After}),
 * if any
 */
public record ApiErrorResponse(int statusCode, @Nullable ApiError error, @Nullable String requestId,
		@Nullable String body, boolean retryable, @Nullable Duration retryAfter) {
}
