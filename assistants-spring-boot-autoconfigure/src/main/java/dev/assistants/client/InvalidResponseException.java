package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * A successful answer could not be read: an empty body, a body that is not the expected JSON (an
 * HTML page from a proxy, truncated JSON), or a body larger than {@code openai.max-in-memory-size}.
 * When the failure is about one response, the exception carries what identifies it: its status, its
 * content type, its {@code x-request-id} and the beginning of its body.
 */
public class InvalidResponseException extends AssistantsException {

	private final int statusCode;

	private final @Nullable String contentType;

	private final @Nullable String requestId;

	private final @Nullable String bodyExcerpt;

	/**
	 * Create an exception that is not about one response.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 */
	public InvalidResponseException(String message, @Nullable Throwable cause) {
		this(message, cause, 0, null, null, null);
	}

	/**
	 * Create an exception about one response.
	 * @param message what went wrong
	 * @param cause the underlying failure, if any
	 * @param statusCode the response's HTTP status
	 * @param contentType the response's {@code Content-Type}, if it had one
	 * @param requestId the response's {@code x-request-id}, if it had one
	 * @param bodyExcerpt the beginning of the response's body, if it was read and not empty
	 */
	public InvalidResponseException(String message, @Nullable Throwable cause, int statusCode,
			@Nullable String contentType, @Nullable String requestId, @Nullable String bodyExcerpt) {
		super(message, cause);
		this.statusCode = statusCode;
		this.contentType = contentType;
		this.requestId = requestId;
		this.bodyExcerpt = bodyExcerpt;
	}

	/**
	 * Return the HTTP status of the response that could not be read.
	 * @return the status, or {@code 0} when the failure is not about one response
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the {@code Content-Type} of the response that could not be read.
	 * @return the content type, or {@code null} if it had none
	 */
	public @Nullable String getContentType() {
		return this.contentType;
	}

	/**
	 * Return the {@code x-request-id} of the response that could not be read, the identifier a
	 * server's operator looks it up by.
	 * @return the request ID, or {@code null} if it had none
	 */
	public @Nullable String getRequestId() {
		return this.requestId;
	}

	/**
	 * Return the beginning of the body that could not be read (at most 2,000 characters, for a
	 * streamed run the data of the event), for example the HTML page of a proxy.
	 * @return the excerpt, or {@code null} if the body was not read or was empty
	 */
	public @Nullable String getBodyExcerpt() {
		return this.bodyExcerpt;
	}

}
