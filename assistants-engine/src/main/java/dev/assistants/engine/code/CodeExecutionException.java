package dev.assistants.engine.code;

/**
 * The code could not run at all: no session could start, or the executor is at its limit of
 * sessions. The message says why, for the model and the user.
 */
public class CodeExecutionException extends RuntimeException {

	/**
	 * @param message why the code could not run
	 */
	public CodeExecutionException(String message) {
		super(message);
	}

	/**
	 * @param message why the code could not run
	 * @param cause what failed
	 */
	public CodeExecutionException(String message, Throwable cause) {
		super(message, cause);
	}

}
