package dev.assistants.model.springai;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.model.ModelRequest;

/**
 * Answers the turns of runs with a Spring AI {@link ChatModel}: any provider Spring AI supports,
 * such as an OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, llama.cpp, Azure, OpenAI's Chat
 * Completions), or another with its Spring AI starter.
 * <p>
 * Each turn is one streamed chat request: the run's instructions, the thread's messages and the
 * run's function calls with their outputs as the conversation (see {@link PromptBuilder}); the
 * run's model (after {@code modelAliases}), sampling, token limit, functions, {@code tool_choice},
 * {@code response_format}, {@code parallel_tool_calls} and {@code reasoning_effort} as the options.
 * Text arrives as the provider streams it; function calls as the provider completes them. Spring
 * AI never runs the functions: a call becomes the run's {@code requires_action}. Cancelling the turn
 * closes the provider's stream, off the canceller's thread (OpenAI's client closes it once its
 * pending read returns). A provider's 429 fails the run with {@code rate_limit_exceeded},
 * another 4xx with {@code invalid_prompt}, anything else with {@code server_error}; whatever retries
 * the provider's client makes happen before that.
 */
public final class SpringAiModel implements AssistantModel {

	private static final boolean OPENAI_SDK_PRESENT = ClassUtils
		.isPresent("com.openai.errors.OpenAIServiceException", SpringAiModel.class.getClassLoader());

	private final ChatModel chatModel;

	private final ChatOptionsFactory options;

	/**
	 * Answer runs with a chat model, sending each run's model name as it is.
	 * @param chatModel the chat model
	 */
	public SpringAiModel(ChatModel chatModel) {
		this(chatModel, Map.of());
	}

	/**
	 * Answer runs with a chat model.
	 * @param chatModel the chat model
	 * @param modelAliases the model to ask for instead of a run's model, by the run's model (for
	 * example {@code gpt-4o} to {@code llama3.2}); a model not listed is asked for as it is
	 */
	public SpringAiModel(ChatModel chatModel, Map<String, String> modelAliases) {
		this.chatModel = Objects.requireNonNull(chatModel, "chatModel must not be null");
		this.options = new ChatOptionsFactory(chatModel, modelAliases);
	}

	@Override
	public Flux<ModelOutput> respond(ModelRequest request) {
		return Flux.defer(() -> {
			Prompt prompt = new Prompt(PromptBuilder.messages(request), this.options.options(request));
			Answer answer = new Answer();
			// a provider's client may block while it closes a stream: never on the canceller's thread
			return this.chatModel.stream(prompt)
				.cancelOn(Schedulers.boundedElastic())
				.concatMapIterable(answer::outputs)
				.concatWith(Flux.defer(() -> Flux.just(answer.finish())));
		}).onErrorMap((ex) -> !(ex instanceof ModelException), SpringAiModel::failure);
	}

	/** What a provider's failure means for the run. */
	static ModelException failure(Throwable ex) {
		Integer status = status(ex);
		String detail = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		if (status != null && status == 429) {
			return new ModelException(LastErrorCode.RATE_LIMIT_EXCEEDED,
					"The model's provider limits the rate of requests (429): " + detail, ex);
		}
		if (status != null && status >= 400 && status < 500) {
			return new ModelException(LastErrorCode.INVALID_PROMPT,
					"The model's provider refused the request (" + status + "): " + detail, ex);
		}
		if (ex instanceof TimeoutException) {
			return new ModelException(LastErrorCode.SERVER_ERROR, "The model's provider did not answer in time.", ex);
		}
		return new ModelException(LastErrorCode.SERVER_ERROR, "The model's provider failed"
				+ ((status != null) ? " (" + status + ")" : "") + ": " + detail, ex);
	}

	/** The HTTP status of the provider's answer, from the failure or its causes. */
	private static @Nullable Integer status(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (OPENAI_SDK_PRESENT && cause instanceof com.openai.errors.OpenAIServiceException service) {
				return service.statusCode();
			}
			if (cause instanceof WebClientResponseException response) {
				return response.getStatusCode().value();
			}
			if (cause instanceof RestClientResponseException response) {
				return response.getStatusCode().value();
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "Spring AI " + this.chatModel.getClass().getSimpleName();
	}

	/**
	 * One turn's answer as it streams: the outputs of each chat response, and how it ended.
	 */
	private static final class Answer {

		private int calls;

		private @Nullable String finishReason;

		private @Nullable TokenUsage usage;

		List<ModelOutput> outputs(ChatResponse response) {
			List<ModelOutput> outputs = new ArrayList<>();
			for (Generation generation : response.getResults()) {
				AssistantMessage message = generation.getOutput();
				if (StringUtils.hasLength(message.getText())) {
					outputs.add(new TextDelta(message.getText()));
				}
				for (AssistantMessage.ToolCall call : message.getToolCalls()) {
					outputs.add(new ToolCallDelta(this.calls++, StringUtils.hasText(call.id()) ? call.id() : null,
							call.name(), (call.arguments() != null) ? call.arguments() : ""));
				}
				String reason = generation.getMetadata().getFinishReason();
				if (StringUtils.hasText(reason)) {
					this.finishReason = reason;
				}
			}
			Usage used = response.getMetadata().getUsage();
			if (used != null && (positive(used.getPromptTokens()) || positive(used.getCompletionTokens()))) {
				this.usage = new TokenUsage(orZero(used.getPromptTokens()), orZero(used.getCompletionTokens()));
			}
			return outputs;
		}

		Finish finish() {
			String reason = (this.finishReason != null) ? this.finishReason.toLowerCase(Locale.ROOT) : "stop";
			FinishReason finish = switch (reason) {
				case "length", "max_tokens" -> FinishReason.LENGTH;
				case "content_filter" -> FinishReason.CONTENT_FILTER;
				default -> (this.calls > 0) ? FinishReason.TOOL_CALLS : FinishReason.STOP;
			};
			return new Finish(finish, this.usage);
		}

		private static boolean positive(@Nullable Integer tokens) {
			return tokens != null && tokens > 0;
		}

		private static long orZero(@Nullable Integer tokens) {
			return (tokens != null) ? tokens : 0;
		}

	}

}
