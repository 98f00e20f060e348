package dev.assistants.tools;

import org.jspecify.annotations.Nullable;

import dev.assistants.client.AssistantsException;

/**
 * The tool-call loop could not go on: a run called a function nobody declared, or a function failed
 * or did not answer in time (with {@link ToolErrorHandling#FAIL}), or a run still wanted tool
 * outputs after the most rounds allowed. The message says whether the run was cancelled.
 */
public class ToolCallException extends AssistantsException {

	/**
	 * Create an exception.
	 * @param message what went wrong
	 * @param cause the function's failure, if any
	 */
	public ToolCallException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
