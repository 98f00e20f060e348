package dev.assistants.model.deterministic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.AssistantsApiToolChoiceOption;
import dev.assistants.api.AssistantsNamedToolChoice;
import dev.assistants.api.FunctionObject;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.RunStepDetailsToolCall;
import dev.assistants.api.RunStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutput;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputLogsObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchResultObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepStatus;
import dev.assistants.api.ToolChoiceMode;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.model.ModelRequest;

/**
 * A model that needs no network and answers the same way every time:
 * <ul>
 * <li>right after a file search, it quotes the best result with its citation:
 * {@code From <file>: "<text>" 【0†<file>】}, or says it found nothing;</li>
 * <li>right after tool outputs were submitted, it reports them: {@code Here is what I found: <output>; <output>};</li>
 * <li>right after its code ran, it reports what the code printed, and links each file the code
 * wrote: {@code The code printed: <logs> Files: [<name>](sandbox:/mnt/data/<name>)};</li>
 * <li>else, if the run may search files and the user's last message has the words "file" and
 * "search", it searches them with the message as the query;</li>
 * <li>else, if the run may run code and the user's last message has the words "code" and
 * "interpreter", it runs the message's fenced code block, else the text after its last colon;</li>
 * <li>else it calls the first function of the run whose name's words (split at {@code _} and
 * {@code -}) all appear in the user's last message, taking every argument from the message (its last
 * token with a digit, else its last word);</li>
 * <li>else it echoes the message: {@code You said: <message>}.</li>
 * </ul>
 * It follows the run's {@code tool_choice}: {@code none} never calls a function, {@code required}
 * calls the matching function or else the run's first, and a named function is the one it calls.
 * (Both apply to a run's first turn; after tool outputs it reports them.) Text comes word by word;
 * tokens are counted as words. It answers at once, or after a pause before each output, so that
 * clients see runs in progress.
 */
public final class DeterministicModel implements AssistantModel {

	/** A fenced code block, with or without a language. */
	private static final Pattern FENCED = Pattern.compile("```[\\w+-]*\\n?(.*?)```", Pattern.DOTALL);

	private final Duration latency;

	/**
	 * A model that answers at once.
	 */
	public DeterministicModel() {
		this(Duration.ZERO);
	}

	/**
	 * A model that pauses before each of its outputs.
	 * @param latency the pause; zero for none
	 */
	public DeterministicModel(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative but was " + latency);
		}
		this.latency = latency;
	}

	@Override
	public Flux<ModelOutput> respond(ModelRequest request) {
		Flux<ModelOutput> outputs = outputs(request);
		return this.latency.isZero() ? outputs : outputs.delayElements(this.latency);
	}

	private Flux<ModelOutput> outputs(ModelRequest request) {
		List<RunStepDetailsToolCallsFileSearchResultObject> found = latestSearch(request);
		if (found != null) {
			return reply(request, quote(request, found));
		}
		List<String> outputs = latestOutputs(request);
		if (!outputs.isEmpty()) {
			return reply(request, "Here is what I found: " + String.join("; ", outputs));
		}
		List<RunStepDetailsToolCallsCodeObject> ran = latestCode(request);
		if (!ran.isEmpty()) {
			return reply(request, report(request, ran));
		}
		String message = lastUserMessage(request);
		if (searches(request, message)) {
			ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("query", message);
			return callFunctions(request, List.of(new ToolCallDelta(0, null, FileSearchCalls.TOOL_NAME, arguments.toString())));
		}
		if (runsCode(request, message)) {
			ObjectNode arguments = JsonNodeFactory.instance.objectNode().put(CodeInterpreterCalls.CODE, code(message));
			return callFunctions(request,
					List.of(new ToolCallDelta(0, null, CodeInterpreterCalls.TOOL_NAME, arguments.toString())));
		}
		return function(request, message)
			.map((function) -> callFunctions(request,
					List.of(new ToolCallDelta(0, null, function.name(), arguments(function, message)))))
			.orElseGet(() -> reply(request, "You said: " + message));
	}

	/**
	 * Answer with the given text, word by word.
	 * @param request the turn
	 * @param text the answer
	 * @return the outputs
	 */
	public static Flux<ModelOutput> reply(ModelRequest request, String text) {
		List<ModelOutput> outputs = new ArrayList<>();
		for (String piece : text.split("(?<= )")) {
			outputs.add(new TextDelta(piece));
		}
		outputs.add(new Finish(FinishReason.STOP, new TokenUsage(promptTokens(request), words(text))));
		return Flux.fromIterable(outputs);
	}

	/**
	 * Call the given functions.
	 * @param request the turn
	 * @param calls the calls, each whole
	 * @return the outputs
	 */
	public static Flux<ModelOutput> callFunctions(ModelRequest request, List<ToolCallDelta> calls) {
		long completion = calls.stream().mapToLong((call) -> words(call.arguments()) + 1).sum();
		return Flux.<ModelOutput>fromIterable(calls)
			.concatWithValues(new Finish(FinishReason.TOOL_CALLS, new TokenUsage(promptTokens(request), completion)));
	}

	/**
	 * Whether to search files: the run may, its {@code tool_choice} lets it, and the user's last
	 * message has the words "file" and "search".
	 */
	private static boolean searches(ModelRequest request, String message) {
		AssistantsApiToolChoiceOption choice = request.run().toolChoice();
		if (!FileSearchCalls.enabled(request) || ToolChoiceMode.NONE.equals(choice)
				|| (choice instanceof AssistantsNamedToolChoice named && named.function() != null)) {
			return false;
		}
		return mentions(message, "file", "search");
	}

	/**
	 * Whether to run code: the run may, its {@code tool_choice} lets it, and the user's last message
	 * has the words "code" and "interpreter".
	 */
	private static boolean runsCode(ModelRequest request, String message) {
		AssistantsApiToolChoiceOption choice = request.run().toolChoice();
		if (!CodeInterpreterCalls.enabled(request) || ToolChoiceMode.NONE.equals(choice)
				|| (choice instanceof AssistantsNamedToolChoice named && named.function() != null)) {
			return false;
		}
		return mentions(message, "code", "interpreter");
	}

	/** Whether the message has each of the words, in any case. */
	private static boolean mentions(String message, String... words) {
		return Arrays.asList(message.toLowerCase(Locale.ROOT).split("[^\\p{Alnum}]+")).containsAll(List.of(words));
	}

	/** The tool calls of the step that ended the last turn, if it ended with calls that are done. */
	private static List<RunStepDetailsToolCall> latestCalls(ModelRequest request) {
		List<RunStepObject> steps = request.steps();
		if (steps.isEmpty() || !(steps.get(steps.size() - 1).stepDetails() instanceof RunStepDetailsToolCallsObject calls)
				|| !RunStepStatus.COMPLETED.equals(steps.get(steps.size() - 1).status())) {
			return List.of();
		}
		return calls.toolCalls();
	}

	/** The message's fenced code block, else the text after its last colon, else the message. */
	private static String code(String message) {
		Matcher fenced = FENCED.matcher(message);
		if (fenced.find()) {
			return fenced.group(1);
		}
		int colon = message.lastIndexOf(':');
		return ((colon >= 0) ? message.substring(colon + 1) : message).strip();
	}

	/** The code calls that ended the last turn, if it ended with code that ran. */
	private static List<RunStepDetailsToolCallsCodeObject> latestCode(ModelRequest request) {
		return latestCalls(request).stream()
			.filter(RunStepDetailsToolCallsCodeObject.class::isInstance)
			.map(RunStepDetailsToolCallsCodeObject.class::cast)
			.toList();
	}

	/** What the code printed, and a link to each file it wrote. */
	private static String report(ModelRequest request, List<RunStepDetailsToolCallsCodeObject> ran) {
		StringBuilder logs = new StringBuilder();
		int images = 0;
		for (RunStepDetailsToolCallsCodeObject call : ran) {
			for (RunStepDetailsToolCallsCodeOutput output : call.codeInterpreter().outputs()) {
				if (output instanceof RunStepDetailsToolCallsCodeOutputLogsObject printed) {
					logs.append(printed.logs());
				}
				else {
					images++;
				}
			}
		}
		StringBuilder report = new StringBuilder("The code printed: ")
			.append(logs.isEmpty() ? "nothing." : logs.toString().strip());
		if (images > 0) {
			report.append(" It displayed ").append(images).append((images == 1) ? " image." : " images.");
		}
		List<String> written = request.codeOutputFiles()
			.stream()
			.filter((file) -> ran.stream().anyMatch((call) -> call.id().equals(file.callId())))
			.map((file) -> "[" + file.filename() + "](sandbox:/mnt/data/" + file.filename() + ")")
			.toList();
		if (!written.isEmpty()) {
			report.append(" Files: ").append(String.join(", ", written));
		}
		return report.toString();
	}

	/** The results of the file search that ended the last turn, or {@code null} if none did. */
	private static @Nullable List<RunStepDetailsToolCallsFileSearchResultObject> latestSearch(ModelRequest request) {
		List<RunStepDetailsToolCallsFileSearchResultObject> results = new ArrayList<>();
		boolean searched = false;
		for (RunStepDetailsToolCall call : latestCalls(request)) {
			if (call instanceof RunStepDetailsToolCallsFileSearchObject search) {
				searched = true;
				if (search.fileSearch().results() != null) {
					results.addAll(search.fileSearch().results());
				}
			}
		}
		return searched ? results : null;
	}

	/** The top result quoted, with its citation marker; or that nothing was found. */
	private static String quote(ModelRequest request, List<RunStepDetailsToolCallsFileSearchResultObject> found) {
		if (found.isEmpty()) {
			return "I found nothing about that in the files.";
		}
		List<RunStepDetailsToolCallsFileSearchResultObject> all = FileSearchCalls.results(request.steps());
		RunStepDetailsToolCallsFileSearchResultObject top = found.get(0);
		String text = FileSearchCalls.text(top).strip().replaceAll("\\s+", " ");
		String excerpt = (text.length() > 200) ? text.substring(0, 200).strip() + "..." : text;
		return "From " + top.fileName() + ": \"" + excerpt + "\" "
				+ FileSearchCalls.marker(all.size() - found.size(), top.fileName());
	}

	/** The outputs of the tool calls answered since the model last spoke, if it was asked for them. */
	private static List<String> latestOutputs(ModelRequest request) {
		return latestCalls(request).stream()
			.filter(RunStepDetailsToolCallsFunctionObject.class::isInstance)
			.map((call) -> ((RunStepDetailsToolCallsFunctionObject) call).function().output())
			.map((output) -> (output != null) ? output : "")
			.toList();
	}

	private static Optional<FunctionObject> function(ModelRequest request, String message) {
		AssistantsApiToolChoiceOption choice = request.run().toolChoice();
		List<FunctionObject> functions = (request.run().tools() != null) ? request.run()
			.tools()
			.stream()
			.filter(AssistantToolsFunction.class::isInstance)
			.map((tool) -> ((AssistantToolsFunction) tool).function())
			.toList() : List.of();
		if (ToolChoiceMode.NONE.equals(choice)) {
			return Optional.empty();
		}
		if (choice instanceof AssistantsNamedToolChoice named && named.function() != null) {
			return functions.stream().filter((function) -> function.name().equals(named.function().name())).findFirst();
		}
		String lower = message.toLowerCase(Locale.ROOT);
		Optional<FunctionObject> named = functions.stream()
			.filter((function) -> !function.name().isEmpty() && Arrays.stream(function.name().toLowerCase(Locale.ROOT)
				.split("[_\\-]")).allMatch(lower::contains))
			.findFirst();
		if (named.isEmpty() && ToolChoiceMode.REQUIRED.equals(choice)) {
			return functions.stream().findFirst();
		}
		return named;
	}

	/** Every parameter takes the message's last token with a digit, else its last word. */
	private static String arguments(FunctionObject function, String message) {
		List<String> tokens = Arrays.stream(message.split("[^\\p{Alnum}_\\-]+")).filter((t) -> !t.isEmpty()).toList();
		List<String> withDigits = tokens.stream().filter((t) -> t.chars().anyMatch(Character::isDigit)).toList();
		String value = !withDigits.isEmpty() ? withDigits.get(withDigits.size() - 1)
				: (!tokens.isEmpty() ? tokens.get(tokens.size() - 1) : "");
		ObjectNode arguments = JsonNodeFactory.instance.objectNode();
		Object properties = (function.parameters() != null) ? function.parameters().get("properties") : null;
		if (properties instanceof Map<?, ?> map) {
			map.forEach((name, schema) -> {
				Object type = (schema instanceof Map<?, ?> property) ? property.get("type") : null;
				if (("integer".equals(type) || "number".equals(type)) && value.matches("-?\\d{1,18}")) {
					arguments.put(String.valueOf(name), Long.parseLong(value));
				}
				else {
					arguments.put(String.valueOf(name), value);
				}
			});
		}
		return arguments.toString();
	}

	private static String lastUserMessage(ModelRequest request) {
		MessageObject last = null;
		for (MessageObject message : request.messages()) {
			if (MessageRole.USER.equals(message.role())) {
				last = message;
			}
		}
		return (last != null) ? text(last) : "";
	}

	private static String text(MessageObject message) {
		return message.content()
			.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.map((content) -> ((MessageContentTextObject) content).text().value())
			.findFirst()
			.orElse("");
	}

	private static long promptTokens(ModelRequest request) {
		return request.messages().stream().mapToLong((message) -> words(text(message))).sum()
				+ words(request.run().instructions());
	}

	private static long words(@Nullable String text) {
		return (text == null || text.isBlank()) ? 0 : text.trim().split("\\s+").length;
	}

	@Override
	public String toString() {
		return "deterministic model";
	}

}
