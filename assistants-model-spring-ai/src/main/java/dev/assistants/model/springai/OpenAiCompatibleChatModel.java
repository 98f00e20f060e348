package dev.assistants.model.springai;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.transport.ProxyProvider;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.EmptyUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.model.MessageAggregator;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.observation.ChatModelObservationConvention;
import org.springframework.ai.chat.observation.ChatModelObservationDocumentation;
import org.springframework.ai.chat.observation.DefaultChatModelObservationConvention;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.observation.conventions.AiProvider;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import dev.assistants.api.sse.ServerSentEventReader;
import dev.assistants.api.sse.ServerSentEventReader.Event;

/**
 * A Spring AI {@link ChatModel} for any OpenAI-compatible Chat Completions endpoint (OpenAI, Ollama,
 * vLLM, LM Studio, llama.cpp's server, ...) on Spring's non-blocking {@link WebClient}: a streamed
 * answer holds no thread while it waits for the model's next token, and as many answers stream at
 * once as there are requests (no cap per host; each has a connection of its own, from a pool of up to
 * {@value #MAX_CONNECTIONS}, on the application's Reactor Netty event loops).
 * <p>
 * It takes Spring AI's {@link OpenAiChatOptions}: their model and sampling options are the defaults
 * of every request, their connection settings ({@code baseUrl}, ending in {@code /v1} as OpenAI's is;
 * {@code apiKey}, sent as a bearer token; {@code organizationId}; {@code customHeaders}; {@code proxy};
 * {@code timeout}, the longest wait for the endpoint's next bytes; {@code maxRetries}) set up the
 * client. A request is sent as Spring AI's OpenAI module sends it; a request that fails before any
 * answer arrives (a 408, 409, 429 or 5xx, a refused or broken connection) is retried up to
 * {@code maxRetries} times with an exponential backoff from half a second, never one that has
 * begun to answer.
 * <p>
 * Tools are offered as definitions only: this model never runs them, a tool call is handed back in
 * the response, whole, once the endpoint has sent all its arguments. Text is handed on as each chunk
 * arrives; the last response carries the finish reason and the token usage. An event of the answer
 * over a megabyte fails it. The response is read to its end after {@code [DONE]} (at most 250 ms
 * more), so that its connection serves the next request. Cancelling the stream closes the
 * connection at once. {@link #call(Prompt)} streams as well, and blocks the calling
 * thread until the answer is complete. With an observation registry each request is observed as
 * Spring AI's chat models observe theirs (the {@code chat <model>} span, child of the caller's
 * observation; {@code gen_ai.client.operation} metrics with the token usage). Microsoft Foundry's and GitHub Models' authentication are not
 * supported: use Spring AI's {@code OpenAiChatModel} for them.
 */
public final class OpenAiCompatibleChatModel implements ChatModel, AutoCloseable {

	/** The most connections open at once, which is the most answers streaming at once. */
	static final int MAX_CONNECTIONS = 10_000;

	private static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

	private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);

	/** The most bytes one event of an answer may take. */
	private static final int MAX_EVENT_BYTES = 1024 * 1024;

	/** How long an answer's response is read on after {@code [DONE]} before its connection is closed. */
	private static final Duration AFTER_DONE = Duration.ofMillis(250);

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

	private static final int MAX_CONNECT_MILLIS = 10_000;

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final ObjectReader CHUNKS = JSON.readerFor(ChatCompletionChunk.class);

	private static final ChatModelObservationConvention DEFAULT_CONVENTION = new DefaultChatModelObservationConvention();

	private final OpenAiChatOptions defaults;

	private final ConnectionProvider connections;

	private final WebClient webClient;

	private final int maxRetries;

	private final ObservationRegistry observationRegistry;

	private final ChatModelObservationConvention observationConvention;

	private OpenAiCompatibleChatModel(Builder builder) {
		OpenAiChatOptions defaults = builder.options;
		this.defaults = defaults;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.maxRetries = Math.max(0, defaults.getMaxRetries());
		Duration timeout = defaults.getTimeout();
		this.connections = ConnectionProvider.builder("chat-completions")
			.maxConnections(MAX_CONNECTIONS)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(timeout)
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
		HttpClient http = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), MAX_CONNECT_MILLIS))
			.responseTimeout(timeout);
		Proxy proxy = defaults.getProxy();
		if (proxy != null && proxy.type() != Proxy.Type.DIRECT && proxy.address() instanceof InetSocketAddress address) {
			http = http.proxy((spec) -> spec.type((proxy.type() == Proxy.Type.SOCKS) ? ProxyProvider.Proxy.SOCKS5
					: ProxyProvider.Proxy.HTTP).socketAddress(address));
		}
		String baseUrl = StringUtils.hasText(defaults.getBaseUrl()) ? defaults.getBaseUrl() : DEFAULT_BASE_URL;
		this.webClient = builder.webClient.clone()
			.clientConnector(new ReactorClientHttpConnector(http))
			.baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")
			.defaultHeaders((headers) -> headers(headers, defaults))
			.build();
	}

	/**
	 * A builder of a chat model.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	private static void headers(HttpHeaders headers, OpenAiChatOptions options) {
		if (StringUtils.hasText(options.getApiKey())) {
			headers.setBearerAuth(options.getApiKey());
		}
		if (StringUtils.hasText(options.getOrganizationId())) {
			headers.set("OpenAI-Organization", options.getOrganizationId());
		}
		if (options.getCustomHeaders() != null) {
			options.getCustomHeaders().forEach(headers::set);
		}
	}

	@Override
	public ChatOptions getOptions() {
		return this.defaults;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		List<ChatResponse> responses = stream(prompt).collectList().block();
		return Answer.merge(Objects.requireNonNull(responses));
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return Flux.deferContextual((context) -> {
			Prompt request = new Prompt(prompt.getInstructions(), options(prompt.getOptions()));
			ChatModelObservationContext observed = ChatModelObservationContext.builder()
				.prompt(request)
				.provider(AiProvider.OPENAI.value())
				.streaming(true)
				.build();
			Observation observation = ChatModelObservationDocumentation.CHAT_MODEL_OPERATION
				.observation(this.observationConvention, DEFAULT_CONVENTION, () -> observed, this.observationRegistry);
			if (observation.isNoop()) {
				return answer(request);
			}
			// the span's parent is the caller's observation, whatever scope the thread has open
			Observation parent = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			observation.parentObservation(parent);
			try (Observation.Scope scope = (parent != null) ? parent.openScope() : Observation.Scope.NOOP) {
				observation.start();
			}
			Flux<ChatResponse> responses = answer(request).doOnError(observation::error)
				.doFinally((signal) -> observation.stop())
				.contextWrite((written) -> written.put(ObservationThreadLocalAccessor.KEY, observation));
			return new MessageAggregator().aggregate(responses, observed::setResponse);
		});
	}

	/** The answer to a prompt whose options are complete. */
	private Flux<ChatResponse> answer(Prompt request) {
		byte[] body = ChatCompletionsRequest.body(JSON, request.getInstructions(), (OpenAiChatOptions) request.getOptions());
		AtomicBoolean answering = new AtomicBoolean();
		AtomicBoolean over = new AtomicBoolean();
		Sinks.One<Boolean> done = Sinks.one();
		Answer answer = new Answer();
		return this.webClient.post()
			.uri("chat/completions")
			.contentType(MediaType.APPLICATION_JSON)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.bodyValue(body)
			.exchangeToFlux(OpenAiCompatibleChatModel::events)
			.doOnNext((event) -> answering.set(true))
			.retryWhen(Retry.backoff(this.maxRetries, FIRST_BACKOFF)
				.maxBackoff(MAX_BACKOFF)
				.filter((ex) -> !answering.get() && retryable(ex))
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			// read on to the response's end after [DONE], so that its connection serves the next
			.<Event>handle((event, sink) -> {
				if (isDone(event) && over.compareAndSet(false, true)) {
					done.tryEmitValue(true);
				}
				else if (!over.get()) {
					sink.next(event);
				}
			})
			.takeUntilOther(done.asMono().delayElement(AFTER_DONE))
			.concatMapIterable(answer::responses)
			.concatWith(Flux.defer(() -> Flux.fromIterable(answer.unfinishedCalls())));
	}

	/**
	 * The answer's events, split from the received bytes (each buffer copied out and released at
	 * once), or the endpoint's refusal as an exception.
	 */
	private static Flux<Event> events(ClientResponse response) {
		if (!response.statusCode().is2xxSuccessful()) {
			return response.createException().flatMapMany((ex) -> Mono.error(refusal(ex)));
		}
		ServerSentEventReader reader = new ServerSentEventReader(MAX_EVENT_BYTES);
		return response.body(BodyExtractors.toDataBuffers())
			.concatMapIterable(reader::read)
			.concatWith(Flux.defer(() -> Flux.fromIterable(reader.finish())));
	}

	private static boolean isDone(Event event) {
		return event.length() == DONE.length
				&& Arrays.equals(event.bytes(), event.offset(), event.offset() + event.length(), DONE, 0, DONE.length);
	}

	/** The endpoint's refusal, saying what its error says. */
	private static WebClientResponseException refusal(WebClientResponseException ex) {
		String message = ex.getStatusCode().value() + " " + ex.getStatusText();
		try {
			JsonNode error = JSON.readTree(ex.getResponseBodyAsByteArray()).path("error");
			String said = error.isObject() ? error.path("message").asString("") : error.asString("");
			if (StringUtils.hasText(said)) {
				message = message + ": " + said;
			}
		}
		catch (JacksonException notJson) {
			// the status says it all
		}
		return new WebClientResponseException(message, ex.getStatusCode().value(), ex.getStatusText(), ex.getHeaders(),
				ex.getResponseBodyAsByteArray(), StandardCharsets.UTF_8, ex.getRequest());
	}

	private static boolean retryable(Throwable ex) {
		if (ex instanceof WebClientResponseException response) {
			int status = response.getStatusCode().value();
			return status == 408 || status == 409 || status == 429 || status >= 500;
		}
		return ex instanceof WebClientRequestException;
	}

	/** The prompt's options over this model's defaults. */
	private OpenAiChatOptions options(@Nullable ChatOptions options) {
		if (options == null) {
			return this.defaults;
		}
		if (options instanceof OpenAiChatOptions openAi) {
			return openAi;
		}
		OpenAiChatOptions.Builder merged = this.defaults.mutate();
		if (options.getModel() != null) {
			merged.model(options.getModel());
		}
		if (options.getTemperature() != null) {
			merged.temperature(options.getTemperature());
		}
		if (options.getTopP() != null) {
			merged.topP(options.getTopP());
		}
		if (options.getMaxTokens() != null) {
			merged.maxTokens(options.getMaxTokens());
		}
		if (options.getFrequencyPenalty() != null) {
			merged.frequencyPenalty(options.getFrequencyPenalty());
		}
		if (options.getPresencePenalty() != null) {
			merged.presencePenalty(options.getPresencePenalty());
		}
		if (options.getStopSequences() != null) {
			merged.stop(options.getStopSequences());
		}
		if (options instanceof ToolCallingChatOptions tools && tools.getToolCallbacks() != null) {
			merged.toolCallbacks(tools.getToolCallbacks());
		}
		return merged.build();
	}

	@Override
	public void close() {
		this.connections.dispose();
	}

	@Override
	public String toString() {
		return "OpenAI-compatible chat model on WebClient";
	}

	/**
	 * A builder of {@link OpenAiCompatibleChatModel}.
	 */
	public static final class Builder {

		private OpenAiChatOptions options = OpenAiChatOptions.builder().build();

		private WebClient.Builder webClient = WebClient.builder();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private ChatModelObservationConvention observationConvention = DEFAULT_CONVENTION;

		private Builder() {
		}

		/**
		 * Set the registry that observes each request as Spring AI's chat models do
		 * ({@code gen_ai.client.operation}); none by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry must not be null");
			return this;
		}

		/**
		 * Set the convention that names and tags the observations.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(ChatModelObservationConvention observationConvention) {
			this.observationConvention = Objects.requireNonNull(observationConvention,
					"observationConvention must not be null");
			return this;
		}

		/**
		 * Set the options: the defaults of every request, and the endpoint and its credentials.
		 * @param options the options
		 * @return this builder
		 */
		public Builder options(OpenAiChatOptions options) {
			this.options = Objects.requireNonNull(options, "options must not be null");
			return this;
		}

		/**
		 * Set the web client builder to start from (for example the application's, which
		 * observes the requests); its connector is replaced by this model's.
		 * @param webClient the builder, copied
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClient) {
			this.webClient = Objects.requireNonNull(webClient, "webClient must not be null");
			return this;
		}

		/**
		 * Build the chat model.
		 * @return the chat model
		 */
		public OpenAiCompatibleChatModel build() {
			return new OpenAiCompatibleChatModel(this);
		}

	}

	/**
	 * One answer as it streams: text handed on as it comes, tool calls gathered piece by piece and
	 * handed on whole when the choice finishes.
	 */
	private static final class Answer {

		private final Map<Integer, PendingCall> calls = new TreeMap<>();

		private @Nullable String id;

		private @Nullable String model;

		List<ChatResponse> responses(Event event) {
			if (event.length() == 0) {
				return List.of();
			}
			ChatCompletionChunk chunk = CHUNKS.readValue(event.bytes(), event.offset(), event.length());
			if (chunk.error() != null) {
				throw new IllegalStateException("The endpoint failed while answering: "
						+ (StringUtils.hasText(chunk.error().message()) ? chunk.error().message() : event.text()));
			}
			if (chunk.id() != null) {
				this.id = chunk.id();
			}
			if (chunk.model() != null) {
				this.model = chunk.model();
			}
			List<ChatResponse> responses = new ArrayList<>(1);
			if (chunk.choices() != null) {
				for (ChatCompletionChunk.Choice choice : chunk.choices()) {
					if (choice.delta() != null) {
						gather(choice.delta().toolCalls());
						if (StringUtils.hasLength(choice.delta().content())) {
							responses.add(response(new AssistantMessage(choice.delta().content()), null, null));
						}
					}
					if (choice.finishReason() != null) {
						responses.add(response(finishedCalls(), choice.finishReason(), null));
					}
				}
			}
			if (chunk.usage() != null) {
				responses.add(response(new AssistantMessage(""), null, chunk.usage()));
			}
			return responses;
		}

		/** The calls of an answer that ended without a finish reason. */
		List<ChatResponse> unfinishedCalls() {
			return this.calls.isEmpty() ? List.of() : List.of(response(finishedCalls(), null, null));
		}

		private void gather(@Nullable List<ChatCompletionChunk.ToolCall> pieces) {
			if (pieces == null) {
				return;
			}
			for (ChatCompletionChunk.ToolCall piece : pieces) {
				int index = (piece.index() != null) ? piece.index() : this.calls.size();
				PendingCall call = this.calls.computeIfAbsent(index, (key) -> new PendingCall());
				if (StringUtils.hasText(piece.id())) {
					call.id = piece.id();
				}
				if (piece.function() != null) {
					if (StringUtils.hasText(piece.function().name())) {
						call.name = piece.function().name();
					}
					if (piece.function().arguments() != null) {
						call.arguments.append(piece.function().arguments());
					}
				}
			}
		}

		private AssistantMessage finishedCalls() {
			List<AssistantMessage.ToolCall> finished = new ArrayList<>(this.calls.size());
			this.calls.values()
				.forEach((call) -> finished.add(new AssistantMessage.ToolCall(call.id, "function", call.name,
						call.arguments.toString())));
			this.calls.clear();
			return AssistantMessage.builder().content("").toolCalls(finished).build();
		}

		private ChatResponse response(AssistantMessage message, @Nullable String finishReason,
				ChatCompletionChunk.@Nullable Usage usage) {
			ChatGenerationMetadata metadata = (finishReason != null)
					? ChatGenerationMetadata.builder().finishReason(finishReason).build() : ChatGenerationMetadata.NULL;
			ChatResponseMetadata.Builder response = ChatResponseMetadata.builder();
			if (this.id != null) {
				response.id(this.id);
			}
			if (this.model != null) {
				response.model(this.model);
			}
			if (usage != null) {
				response.usage(new DefaultUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens()));
			}
			return new ChatResponse(List.of(new Generation(message, metadata)), response.build());
		}

		/** The responses of a whole answer as one. */
		static ChatResponse merge(List<ChatResponse> responses) {
			StringBuilder text = new StringBuilder();
			List<AssistantMessage.ToolCall> calls = new ArrayList<>();
			ChatGenerationMetadata finish = ChatGenerationMetadata.NULL;
			ChatResponseMetadata metadata = responses.isEmpty() ? ChatResponseMetadata.builder().build()
					: responses.get(0).getMetadata();
			for (ChatResponse response : responses) {
				for (Generation generation : response.getResults()) {
					text.append(Objects.requireNonNullElse(generation.getOutput().getText(), ""));
					calls.addAll(generation.getOutput().getToolCalls());
					if (generation.getMetadata().getFinishReason() != null) {
						finish = generation.getMetadata();
					}
				}
				if (!(response.getMetadata().getUsage() instanceof EmptyUsage)) {
					metadata = response.getMetadata();
				}
			}
			AssistantMessage message = AssistantMessage.builder().content(text.toString()).toolCalls(calls).build();
			return new ChatResponse(List.of(new Generation(message, finish)), metadata);
		}

	}

	/** A tool call whose pieces are still arriving. */
	private static final class PendingCall {

		private String id = "";

		private String name = "";

		private final StringBuilder arguments = new StringBuilder();

	}

}
