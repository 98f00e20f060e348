package dev.assistants.engine.model;

import java.util.List;
import java.util.regex.Pattern;

import dev.assistants.api.AssistantToolsCode;
import dev.assistants.api.RunStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutput;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputLogsObject;

/**
 * How a model calls the {@code code_interpreter} tool, the same for every model: it calls a tool
 * named {@value #TOOL_NAME} with the Python {@code code} to run; the engine runs it in the thread's
 * session and gives the model what it printed, and which images and files it made. A file the
 * answer links as {@code sandbox:/mnt/data/<filename>} becomes a {@code file_path} annotation.
 */
public final class CodeInterpreterCalls {

	/** The name of the tool a model calls to run code. */
	public static final String TOOL_NAME = "code_interpreter";

	/** The argument that holds the code. */
	public static final String CODE = "code";

	/** What the tool does, as the model is told. */
	public static final String TOOL_DESCRIPTION = "Run Python code in a stateful Jupyter session with numpy, pandas "
			+ "and matplotlib, and without internet access. Variables and files persist between calls. The user's "
			+ "files are in /mnt/data; save files for the user there, and link each in your answer as "
			+ "sandbox:/mnt/data/<filename>. Charts you show with matplotlib are shown to the user.";

	/** The tool's parameters, as a JSON schema. */
	public static final String TOOL_PARAMETERS = "{\"type\":\"object\",\"properties\":{\"" + CODE
			+ "\":{\"type\":\"string\",\"description\":\"The Python code to run\"}},\"required\":[\"" + CODE + "\"]}";

	/** A link to a file the code wrote, as an answer writes it: its file name. */
	public static final Pattern SANDBOX_LINK = Pattern.compile("sandbox:/mnt/data/([^\\s)\\]\"'<>]+)");

	private CodeInterpreterCalls() {
	}

	/**
	 * Whether the run may run code.
	 * @param request the turn
	 * @return whether its tools include {@code code_interpreter}
	 */
	public static boolean enabled(ModelRequest request) {
		return request.run().tools() != null
				&& request.run().tools().stream().anyMatch(AssistantToolsCode.class::isInstance);
	}

	/**
	 * What a call gives the model: its logs, and what images and files the code made.
	 * @param call the call, done
	 * @param files the files the run's code wrote
	 * @return the tool's output
	 */
	public static String output(RunStepDetailsToolCallsCodeObject call, List<CodeOutputFile> files) {
		StringBuilder output = new StringBuilder();
		int images = 0;
		List<RunStepDetailsToolCallsCodeOutput> outputs = (call.codeInterpreter().outputs() != null)
				? call.codeInterpreter().outputs() : List.of();
		for (RunStepDetailsToolCallsCodeOutput part : outputs) {
			if (part instanceof RunStepDetailsToolCallsCodeOutputLogsObject logs) {
				output.append(logs.logs());
			}
			else if (part instanceof RunStepDetailsToolCallsCodeOutputImageObject) {
				images++;
			}
		}
		if (output.isEmpty()) {
			output.append("(The code printed nothing.)");
		}
		if (images > 0) {
			output.append("\n(The code displayed ").append(images).append((images == 1) ? " image" : " images")
				.append(", which the user sees with your answer.)");
		}
		for (CodeOutputFile file : files) {
			if (file.callId().equals(call.id())) {
				output.append("\n(The code wrote sandbox:/mnt/data/").append(file.filename()).append(".)");
			}
		}
		return output.toString();
	}

}
