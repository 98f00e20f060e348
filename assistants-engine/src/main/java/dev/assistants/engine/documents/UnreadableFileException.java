package dev.assistants.engine.documents;

/**
 * A file whose text cannot be read: its vector store file ends {@code failed} with this
 * exception's code and message as {@code last_error}.
 */
public class UnreadableFileException extends Exception {

	private final Reason reason;

	/**
	 * Create an exception.
	 * @param reason why the file cannot be read
	 * @param message what the user should know, as {@code last_error.message}
	 */
	public UnreadableFileException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Create an exception with a cause.
	 * @param reason why the file cannot be read
	 * @param message what the user should know, as {@code last_error.message}
	 * @param cause the cause
	 */
	public UnreadableFileException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	/**
	 * Why the file cannot be read.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a file cannot be read, as the API's {@code last_error.code} says.
	 */
	public enum Reason {

		/** A type whose text is not read ({@code unsupported_file}). */
		UNSUPPORTED_FILE("unsupported_file"),

		/** A damaged or hostile file, or one past a limit ({@code invalid_file}). */
		INVALID_FILE("invalid_file");

		private final String code;

		Reason(String code) {
			this.code = code;
		}

		/**
		 * The reason as the API writes it.
		 * @return the code
		 */
		public String code() {
			return this.code;
		}

	}

}
