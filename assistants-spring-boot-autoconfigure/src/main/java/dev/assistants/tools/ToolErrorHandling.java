package dev.assistants.tools;

/**
 * What the tool-call loop does when a run calls an unknown function, or a function fails or does not
 * answer in time.
 */
public enum ToolErrorHandling {

	/**
	 * Answer the call with an output that describes the error, {@code {"error": "..."}}, and let the
	 * model carry on.
	 */
	REPORT,

	/**
	 * Stop the loop with a {@link ToolCallException}; the run is cancelled, unless
	 * {@link ToolCallOptions#cancelOnFailure()} says not to.
	 */
	FAIL

}
