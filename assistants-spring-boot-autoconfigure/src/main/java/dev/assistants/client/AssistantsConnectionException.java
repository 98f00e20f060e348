package dev.assistants.client;

/**
 * The server could not be reached or the connection failed before a complete answer arrived
 * (refused or reset connection, unknown host, TLS failure, premature close).
 */
public class AssistantsConnectionException extends AssistantsException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public AssistantsConnectionException(String message, Throwable cause) {
		super(message, cause);
	}

}
