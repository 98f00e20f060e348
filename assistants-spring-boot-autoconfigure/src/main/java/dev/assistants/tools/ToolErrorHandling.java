package dev.assistants.tools;

/**
 * What the tool-call loop does when a run calls an unknown function or a function fails.
 */
public enum ToolErrorHandling {

	/**
	 * Answer the call with an output that describes the error, {@code {"error": "..."}}, and let the
	 * model carry on.
	 */
	REPORT,

	/**
	 * Stop the loop with a {@link ToolCallException}; the run is left waiting for outputs.
	 */
	FAIL

}
