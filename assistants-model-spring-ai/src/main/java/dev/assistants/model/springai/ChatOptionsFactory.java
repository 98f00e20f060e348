package dev.assistants.model.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.ClassUtils;

import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.FunctionObject;
import dev.assistants.api.LastErrorCode;
import dev.assistants.api.RunObject;
import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelRequest;

/**
 * The chat options of a turn: the chat model's own defaults (its {@code spring.ai.*.chat.*}
 * configuration), with the run's model, sampling, token limit and functions set on top, through
 * Spring AI's portable options. What only OpenAI-compatible endpoints take ({@code tool_choice},
 * {@code response_format}, {@code parallel_tool_calls}, {@code reasoning_effort}) is set when the
 * chat model is Spring AI's OpenAI one; other providers get the portable part.
 */
final class ChatOptionsFactory {

	private static final boolean OPENAI_PRESENT = ClassUtils.isPresent("org.springframework.ai.openai.OpenAiChatOptions",
			ChatOptionsFactory.class.getClassLoader());

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ChatModel chatModel;

	private final Map<String, String> modelAliases;

	ChatOptionsFactory(ChatModel chatModel, Map<String, String> modelAliases) {
		this.chatModel = chatModel;
		this.modelAliases = Map.copyOf(modelAliases);
	}

	ChatOptions options(ModelRequest request) {
		RunObject run = request.run();
		ChatOptions.Builder<?> builder = this.chatModel.getOptions().mutate();
		builder.model(this.modelAliases.getOrDefault(run.model(), run.model()));
		builder.temperature(run.temperature());
		builder.topP(run.topP());
		List<ToolCallback> functions = tools(request);
		if (!functions.isEmpty()) {
			if (!(builder instanceof ToolCallingChatOptions.Builder<?> toolCalling)) {
				throw new ModelException(LastErrorCode.INVALID_PROMPT,
						"The run has functions, but its chat model takes no tools.");
			}
			toolCalling.toolCallbacks(functions);
		}
		if (OPENAI_PRESENT && OpenAiChatOptionsSupport.isOpenAi(builder)) {
			OpenAiChatOptionsSupport.apply(builder, request, !functions.isEmpty());
		}
		else if (run.maxCompletionTokens() != null) {
			builder.maxTokens(run.maxCompletionTokens());
		}
		return builder.build();
	}

	/**
	 * The run's tools, as definitions only: the model calls them, the API's client runs the
	 * functions, the engine searches files and runs code.
	 */
	private static List<ToolCallback> tools(ModelRequest request) {
		RunObject run = request.run();
		List<ToolCallback> tools = new ArrayList<>();
		if (run.tools() != null) {
			run.tools()
				.stream()
				.filter(AssistantToolsFunction.class::isInstance)
				.map((tool) -> new Definition(((AssistantToolsFunction) tool).function()))
				.forEach(tools::add);
		}
		if (FileSearchCalls.enabled(request)) {
			tools.add(new Definition(DefaultToolDefinition.builder()
				.name(FileSearchCalls.TOOL_NAME)
				.description(FileSearchCalls.TOOL_DESCRIPTION)
				.inputSchema(FileSearchCalls.TOOL_PARAMETERS)
				.build()));
		}
		if (CodeInterpreterCalls.enabled(request)) {
			tools.add(new Definition(DefaultToolDefinition.builder()
				.name(CodeInterpreterCalls.TOOL_NAME)
				.description(CodeInterpreterCalls.TOOL_DESCRIPTION)
				.inputSchema(CodeInterpreterCalls.TOOL_PARAMETERS)
				.build()));
		}
		return tools;
	}

	static String json(@Nullable Object value) {
		return JSON.writeValueAsString(value);
	}

	/**
	 * A tool the model may call, which the chat model's client never runs: a function's call
	 * becomes the run's {@code requires_action}, which the API's client answers with
	 * {@code submit_tool_outputs}; a file search's is the engine's to execute.
	 */
	record Definition(ToolDefinition definition) implements ToolCallback {

		Definition(FunctionObject function) {
			this(DefaultToolDefinition.builder()
				.name(function.name())
				.description((function.description() != null) ? function.description() : "")
				.inputSchema(json((function.parameters() != null) ? function.parameters()
						: Map.of("type", "object", "properties", Map.of())))
				.build());
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition;
		}

		@Override
		public String call(String toolInput) {
			throw new IllegalStateException("Tool '" + this.definition.name()
					+ "' is executed by the Assistants API's client or its engine, never by the chat model's client");
		}

	}

}
