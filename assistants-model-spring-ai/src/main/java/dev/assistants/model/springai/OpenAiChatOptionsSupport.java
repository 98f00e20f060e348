package dev.assistants.model.springai;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatModel.ResponseFormat;
import org.springframework.ai.openai.OpenAiChatOptions;

import dev.assistants.api.AssistantsApiResponseFormatOption;
import dev.assistants.api.AssistantsApiToolChoiceOption;
import dev.assistants.api.AssistantsNamedToolChoice;
import dev.assistants.api.ResponseFormatJsonObject;
import dev.assistants.api.ResponseFormatJsonSchema;
import dev.assistants.api.ResponseFormatText;
import dev.assistants.api.RunObject;
import dev.assistants.api.ToolChoiceMode;
import dev.assistants.api.ToolType;
import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ModelRequest;

/**
 * The run's settings that only OpenAI-compatible endpoints take, on Spring AI's
 * {@link OpenAiChatOptions}. Loaded only when Spring AI's OpenAI module is present.
 */
final class OpenAiChatOptionsSupport {

	private OpenAiChatOptionsSupport() {
	}

	static boolean isOpenAi(ChatOptions.Builder<?> builder) {
		return builder instanceof OpenAiChatOptions.Builder;
	}

	static void apply(ChatOptions.Builder<?> options, ModelRequest request, boolean functions) {
		OpenAiChatOptions.Builder builder = (OpenAiChatOptions.Builder) options;
		RunObject run = request.run();
		if (run.maxCompletionTokens() != null) {
			builder.maxCompletionTokens(run.maxCompletionTokens());
		}
		if (run.responseFormat() != null) {
			builder.responseFormat(responseFormat(run.responseFormat()));
		}
		if (functions && run.toolChoice() != null) {
			builder.toolChoice(toolChoice(run.toolChoice(), request.steps().isEmpty()));
		}
		if (functions) {
			builder.parallelToolCalls(run.parallelToolCalls());
		}
		if (request.reasoningEffort() != null) {
			builder.reasoningEffort(request.reasoningEffort().value().toLowerCase(Locale.ROOT));
		}
	}

	private static @Nullable ResponseFormat responseFormat(
			AssistantsApiResponseFormatOption format) {
		if (format instanceof ResponseFormatJsonObject) {
			return ResponseFormat.builder().type(ResponseFormat.Type.JSON_OBJECT).build();
		}
		if (format instanceof ResponseFormatJsonSchema schema && schema.jsonSchema() != null) {
			return ResponseFormat.builder()
				.jsonSchema(ChatOptionsFactory.json(schema.jsonSchema().schema()))
				.strict(schema.jsonSchema().strict())
				.build();
		}
		if (format instanceof ResponseFormatText) {
			return ResponseFormat.builder().type(ResponseFormat.Type.TEXT).build();
		}
		return null;
	}

	/**
	 * {@code none}, {@code auto} and {@code required} as they are, a named function as its JSON,
	 * and {@code file_search} and {@code code_interpreter} as the functions the model searches files
	 * and runs code with. A choice that forces a
	 * call forces the run's first turn only: after the call's output the model answers, as OpenAI's
	 * runs did, instead of calling again and again.
	 */
	private static String toolChoice(AssistantsApiToolChoiceOption choice, boolean firstTurn) {
		if (choice instanceof ToolChoiceMode mode) {
			return (!firstTurn && ToolChoiceMode.REQUIRED.equals(mode)) ? ToolChoiceMode.AUTO.value() : mode.value();
		}
		if (!firstTurn) {
			return ToolChoiceMode.AUTO.value();
		}
		AssistantsNamedToolChoice named = (AssistantsNamedToolChoice) choice;
		String name = (named.function() != null) ? named.function().name()
				: ToolType.FILE_SEARCH.equals(named.type()) ? FileSearchCalls.TOOL_NAME
				: ToolType.CODE_INTERPRETER.equals(named.type()) ? CodeInterpreterCalls.TOOL_NAME : "";
		return ChatOptionsFactory.json(Map.of("type", "function", "function", Map.of("name", name)));
	}

}
