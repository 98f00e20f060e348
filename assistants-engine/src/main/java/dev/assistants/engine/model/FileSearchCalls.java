package dev.assistants.engine.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.assistants.api.AssistantToolsFileSearch;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchResultObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepStatus;

/**
 * How a model calls the {@code file_search} tool and cites what it found, the same for every
 * model: it calls a tool named {@value #TOOL_NAME} with a {@code query}; the engine searches the
 * run's vector stores and gives the model the results, numbered through the run, each with its
 * citation marker ({@code 【3†guide.pdf】}); a marker the answer writes becomes a
 * {@code file_citation} annotation of the result's file.
 */
public final class FileSearchCalls {

	/** The name of the tool a model calls to search files. */
	public static final String TOOL_NAME = "file_search";

	/** What the tool does, as the model is told. */
	public static final String TOOL_DESCRIPTION = "Search the files the user uploaded for passages relevant to a query. "
			+ "Use it to answer questions about the files' contents, and cite each passage you use by writing its "
			+ "marker, such as 【0†report.pdf】, right after the statement it supports.";

	/** The tool's parameters, as a JSON schema. */
	public static final String TOOL_PARAMETERS = "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\","
			+ "\"description\":\"What to search for, in the words the files would use\"}},\"required\":[\"query\"]}";

	/** A citation marker: its number, and the file's name. */
	public static final Pattern MARKER = Pattern.compile("【(\\d{1,6})†([^】]*)】");

	private FileSearchCalls() {
	}

	/**
	 * Whether the run may search files.
	 * @param request the turn
	 * @return whether its tools include {@code file_search}
	 */
	public static boolean enabled(ModelRequest request) {
		return request.run().tools() != null
				&& request.run().tools().stream().anyMatch(AssistantToolsFileSearch.class::isInstance);
	}

	/**
	 * The marker that cites a result.
	 * @param number the result's number in the run
	 * @param fileName the name of its file
	 * @return the marker
	 */
	public static String marker(int number, String fileName) {
		return "【" + number + "†" + fileName.replace("】", "") + "】";
	}

	/**
	 * The results of the run's completed file searches, numbered in the order they were found.
	 * @param steps the run's steps, oldest first
	 * @return the results, the first numbered 0
	 */
	public static List<RunStepDetailsToolCallsFileSearchResultObject> results(List<RunStepObject> steps) {
		List<RunStepDetailsToolCallsFileSearchResultObject> results = new ArrayList<>();
		for (RunStepObject step : steps) {
			if (step.stepDetails() instanceof RunStepDetailsToolCallsObject calls
					&& !RunStepStatus.CANCELLED.equals(step.status())) {
				for (var call : calls.toolCalls()) {
					if (call instanceof RunStepDetailsToolCallsFileSearchObject search
							&& search.fileSearch().results() != null) {
						results.addAll(search.fileSearch().results());
					}
				}
			}
		}
		return results;
	}

	/**
	 * What a search gives the model: each result with its marker and text, or that none was
	 * found.
	 * @param results the search's results
	 * @param firstNumber the number of the first of them in the run
	 * @return the tool's output
	 */
	public static String output(List<RunStepDetailsToolCallsFileSearchResultObject> results, int firstNumber) {
		if (results.isEmpty()) {
			return "No passage of the files matches the query.";
		}
		StringBuilder output = new StringBuilder();
		for (int i = 0; i < results.size(); i++) {
			RunStepDetailsToolCallsFileSearchResultObject result = results.get(i);
			output.append(marker(firstNumber + i, result.fileName())).append('\n').append(text(result)).append("\n\n");
		}
		return output.toString().trim();
	}

	/**
	 * A result's text.
	 * @param result the result
	 * @return its content's text, empty if it has none
	 */
	public static String text(RunStepDetailsToolCallsFileSearchResultObject result) {
		if (result.content() == null) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		result.content().forEach((content) -> text.append((content.text() != null) ? content.text() : ""));
		return text.toString();
	}

}
