package dev.assistants.api;

/**
 * A function call a run waits for ({@code RunToolCallObject}).
 *
 * @param id the ID of the tool call, to be referenced when submitting its output
 * @param type the type of the tool call ({@code function})
 * @param function the function to call
 */
public record RunToolCallObject(String id, String type, Function function) {

	/**
	 * The function to call.
	 *
	 * @param name the name of the function
	 * @param arguments the arguments as JSON
	 */
	public record Function(String name, String arguments) {
	}

}
