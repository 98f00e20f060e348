package dev.assistants.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ConnectTimeoutException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.context.ContextView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.DoneEvent;
import dev.assistants.api.AssistantStreamEvent.ErrorEvent;
import dev.assistants.api.AssistantStreamEvent.RunEvent;
import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.DeleteAssistantResponse;
import dev.assistants.api.DeleteMessageResponse;
import dev.assistants.api.DeleteThreadResponse;
import dev.assistants.api.ListAssistantsResponse;
import dev.assistants.api.ListMessagesResponse;
import dev.assistants.api.ListRunStepsResponse;
import dev.assistants.api.ListRunsResponse;
import dev.assistants.api.MessageObject;
import dev.assistants.api.ModifyAssistantRequest;
import dev.assistants.api.ModifyMessageRequest;
import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepInclude;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.api.ThreadObject;
import dev.assistants.api.sse.ServerSentEventReader;
import dev.assistants.client.observation.AssistantsObservationConvention;
import dev.assistants.client.observation.DefaultAssistantsObservationConvention;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@link AssistantsOperations} over Spring's {@link WebClient}.
 * <p>
 * All operations share one request path: the configured headers, JSON written and read with the
 * client's own {@link JsonMapper} (the application's Jackson settings do not apply), bounded
 * response bodies, and error answers and transport failures turned into {@link AssistantsException}
 * subtypes. Create one with {@link #builder()}; Spring Boot applications get one from the
 * auto-configuration.
 */
public final class AssistantsTemplate implements AssistantsOperations, AutoCloseable {

	/** The default base URL, OpenAI's own API. */
	public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

	private static final Log listenerLogger = LogFactory.getLog(ResponseListener.class);

	/** How long a stream's response may go on after its {@code done} event before it is cut. */
	private static final Duration AFTER_DONE = Duration.ofMillis(250);

	private final WebClient webClient;

	private final JsonMapper jsonMapper;

	private final ApiErrors errors;

	private final RetryPolicy retryPolicy;

	private final boolean idempotencyKeys;

	private final @Nullable Duration timeout;

	private final String serverAddress;

	private final String baseUrl;

	private final int maxInMemorySize;

	private final @Nullable ConnectionProvider connectionProvider;

	/** What a call that waited too long for a connection of the pool is told, or {@code null} with a custom connector. */
	private final @Nullable String poolExhausted;

	private final StreamEventDecoder streamEventDecoder;

	private final Duration streamIdleTimeout;

	private final boolean nativeIdleTimeout;

	private final PollOptions pollOptions;

	private final Observations observations;

	private final FileOperations files;

	private final VectorStoreOperations vectorStores;

	private AssistantsTemplate(Builder builder, WebClient webClient, URI baseUri,
			@Nullable ConnectionProvider connectionProvider) {
		this.webClient = webClient;
		this.jsonMapper = AssistantsJson.createMapper();
		this.errors = new ApiErrors(this.jsonMapper, baseUri.getHost(), Clock.systemUTC());
		this.retryPolicy = new RetryPolicy(builder.retry);
		this.idempotencyKeys = builder.idempotencyKeys;
		this.timeout = builder.timeout;
		this.serverAddress = baseUri.getHost() + ((baseUri.getPort() != -1) ? ":" + baseUri.getPort() : "");
		String base = baseUri.toString();
		this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
		this.maxInMemorySize = (int) builder.maxInMemorySize.toBytes();
		this.connectionProvider = connectionProvider;
		this.poolExhausted = (connectionProvider == null) ? null
				: "no connection to " + this.serverAddress + " became free within "
						+ builder.connectionAcquireTimeout.toMillis() + " ms (openai.connection-acquire-timeout): all "
						+ builder.maxConnections + " connections (openai.max-connections) are held by calls and "
						+ "streams in flight; allow more connections for more at once";
		this.streamEventDecoder = new StreamEventDecoder(this.jsonMapper);
		this.streamIdleTimeout = builder.streamIdleTimeout;
		this.nativeIdleTimeout = (connectionProvider != null);
		this.pollOptions = builder.pollOptions;
		this.observations = new Observations(builder.observationRegistry, builder.observationConvention,
				this.serverAddress);
		this.files = new FileTemplate(this);
		this.vectorStores = new VectorStoreTemplate(this, this.files);
	}

	/**
	 * Start building a client.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Mono<AssistantObject> createAssistant(CreateAssistantRequest request) {
		return exchange(ApiRequest.post("createAssistant", "/assistants", required(request)), AssistantObject.class);
	}

	@Override
	public Mono<AssistantObject> getAssistant(String assistantId) {
		return exchange(ApiRequest.get("getAssistant", "/assistants/{assistant_id}").id("assistant_id", assistantId),
				AssistantObject.class);
	}

	@Override
	public Mono<ListAssistantsResponse> listAssistants(ListQuery query) {
		return exchange(page(ApiRequest.get("listAssistants", "/assistants"), query), ListAssistantsResponse.class);
	}

	@Override
	public Mono<AssistantObject> modifyAssistant(String assistantId, ModifyAssistantRequest request) {
		return exchange(ApiRequest.post("modifyAssistant", "/assistants/{assistant_id}", required(request))
			.id("assistant_id", assistantId), AssistantObject.class);
	}

	@Override
	public Mono<DeleteAssistantResponse> deleteAssistant(String assistantId) {
		return exchange(ApiRequest.delete("deleteAssistant", "/assistants/{assistant_id}").id("assistant_id",
				assistantId), DeleteAssistantResponse.class);
	}

	@Override
	public Mono<ThreadObject> createThread(CreateThreadRequest request) {
		return exchange(ApiRequest.post("createThread", "/threads", required(request)), ThreadObject.class);
	}

	@Override
	public Mono<ThreadObject> getThread(String threadId) {
		return exchange(ApiRequest.get("getThread", "/threads/{thread_id}").id("thread_id", threadId),
				ThreadObject.class);
	}

	@Override
	public Mono<ThreadObject> modifyThread(String threadId, ModifyThreadRequest request) {
		return exchange(ApiRequest.post("modifyThread", "/threads/{thread_id}", required(request)).id("thread_id",
				threadId), ThreadObject.class);
	}

	@Override
	public Mono<DeleteThreadResponse> deleteThread(String threadId) {
		return exchange(ApiRequest.delete("deleteThread", "/threads/{thread_id}").id("thread_id", threadId),
				DeleteThreadResponse.class);
	}

	@Override
	public Mono<MessageObject> createMessage(String threadId, CreateMessageRequest request) {
		return exchange(ApiRequest.post("createMessage", "/threads/{thread_id}/messages", required(request))
			.id("thread_id", threadId), MessageObject.class);
	}

	@Override
	public Mono<MessageObject> getMessage(String threadId, String messageId) {
		return exchange(ApiRequest.get("getMessage", "/threads/{thread_id}/messages/{message_id}")
			.id("thread_id", threadId)
			.id("message_id", messageId), MessageObject.class);
	}

	@Override
	public Mono<ListMessagesResponse> listMessages(String threadId, MessageListQuery query) {
		Assert.notNull(query, "query must not be null");
		ApiRequest request = ApiRequest.get("listMessages", "/threads/{thread_id}/messages").id("thread_id", threadId);
		return exchange(page(request, query.page()).query("run_id", query.runId()), ListMessagesResponse.class);
	}

	@Override
	public Mono<MessageObject> modifyMessage(String threadId, String messageId, ModifyMessageRequest request) {
		return exchange(ApiRequest.post("modifyMessage", "/threads/{thread_id}/messages/{message_id}", required(request))
			.id("thread_id", threadId)
			.id("message_id", messageId), MessageObject.class);
	}

	@Override
	public Mono<DeleteMessageResponse> deleteMessage(String threadId, String messageId) {
		return exchange(ApiRequest.delete("deleteMessage", "/threads/{thread_id}/messages/{message_id}")
			.id("thread_id", threadId)
			.id("message_id", messageId), DeleteMessageResponse.class);
	}

	@Override
	public Mono<RunObject> createRun(String threadId, CreateRunRequest request, Collection<RunStepInclude> include) {
		notStreamed(required(request).stream());
		return exchange(ApiRequest.post("createRun", "/threads/{thread_id}/runs", request)
			.id("thread_id", threadId)
			.query("include[]", included(include)), RunObject.class);
	}

	@Override
	public Flux<AssistantStreamEvent> createRunStream(String threadId, CreateRunRequest request) {
		return exchangeStream(ApiRequest.post("createRun", "/threads/{thread_id}/runs", required(request))
			.id("thread_id", threadId));
	}

	@Override
	public Mono<RunObject> createThreadAndRun(CreateThreadAndRunRequest request) {
		notStreamed(required(request).stream());
		return exchange(ApiRequest.post("createThreadAndRun", "/threads/runs", request), RunObject.class);
	}

	@Override
	public Flux<AssistantStreamEvent> createThreadAndRunStream(CreateThreadAndRunRequest request) {
		return exchangeStream(ApiRequest.post("createThreadAndRun", "/threads/runs", required(request)));
	}

	@Override
	public Mono<RunObject> getRun(String threadId, String runId) {
		return exchange(getRunRequest(threadId, runId), RunObject.class);
	}

	@Override
	public Mono<ListRunsResponse> listRuns(String threadId, ListQuery query) {
		return exchange(page(ApiRequest.get("listRuns", "/threads/{thread_id}/runs").id("thread_id", threadId), query),
				ListRunsResponse.class);
	}

	@Override
	public Mono<RunObject> modifyRun(String threadId, String runId, ModifyRunRequest request) {
		return exchange(ApiRequest.post("modifyRun", "/threads/{thread_id}/runs/{run_id}", required(request))
			.id("thread_id", threadId)
			.id("run_id", runId), RunObject.class);
	}

	@Override
	public Mono<RunObject> cancelRun(String threadId, String runId) {
		return exchange(ApiRequest.post("cancelRun", "/threads/{thread_id}/runs/{run_id}/cancel", null)
			.id("thread_id", threadId)
			.id("run_id", runId), RunObject.class);
	}

	@Override
	public Mono<RunObject> submitToolOutputsToRun(String threadId, String runId, SubmitToolOutputsRunRequest request) {
		notStreamed(required(request).stream());
		return exchange(ApiRequest
			.post("submitToolOutputsToRun", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", request)
			.id("thread_id", threadId)
			.id("run_id", runId), RunObject.class);
	}

	@Override
	public Flux<AssistantStreamEvent> submitToolOutputsToRunStream(String threadId, String runId,
			SubmitToolOutputsRunRequest request) {
		return exchangeStream(ApiRequest
			.post("submitToolOutputsToRun", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", required(request))
			.id("thread_id", threadId)
			.id("run_id", runId));
	}

	@Override
	public Mono<RunObject> pollRun(String threadId, String runId) {
		return pollRun(threadId, runId, this.pollOptions);
	}

	@Override
	public Mono<RunObject> pollRun(String threadId, String runId, PollOptions options) {
		Assert.notNull(options, "options must not be null");
		ApiRequest getRun = getRunRequest(threadId, runId);
		return poll(exchangeForResponse(getRun, RunObject.class), options);
	}

	@Override
	public Mono<RunObject> createRunAndPoll(String threadId, CreateRunRequest request) {
		notStreamed(required(request).stream());
		return poll(exchangeForResponse(ApiRequest.post("createRun", "/threads/{thread_id}/runs", request)
			.id("thread_id", threadId), RunObject.class), this.pollOptions);
	}

	@Override
	public Mono<RunObject> createThreadAndRunAndPoll(CreateThreadAndRunRequest request) {
		notStreamed(required(request).stream());
		return poll(exchangeForResponse(ApiRequest.post("createThreadAndRun", "/threads/runs", request),
				RunObject.class), this.pollOptions);
	}

	@Override
	public Mono<RunObject> submitToolOutputsAndPoll(String threadId, String runId,
			SubmitToolOutputsRunRequest request) {
		notStreamed(required(request).stream());
		return poll(exchangeForResponse(ApiRequest
			.post("submitToolOutputsToRun", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", request)
			.id("thread_id", threadId)
			.id("run_id", runId), RunObject.class), this.pollOptions);
	}

	/**
	 * Follow a run from its first answer until it stops, reading it again after the delay the
	 * server asks for ({@code openai-poll-after-ms}) or the configured interval, until the deadline.
	 * With {@code cancelOnTimeout}, the first answer is awaited past the deadline (the client's own
	 * timeouts bound it), so that a run the server created meanwhile is known and can be cancelled.
	 */
	private Mono<RunObject> poll(Mono<ApiResponse<RunObject>> first, PollOptions options) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			AtomicReference<@Nullable RunObject> latest = new AtomicReference<>();
			Mono<RunObject> timedOut = Mono.defer(() -> pollTimedOut(latest.get(), options));
			if (!options.cancelOnTimeout()) {
				return follow(first, latest, options).timeout(options.timeout(), timedOut);
			}
			return first.flatMap((response) -> {
				latest.set(response.body());
				Duration left = options.timeout().minusNanos(System.nanoTime() - start);
				return (!left.isNegative() && !left.isZero()) ? follow(Mono.just(response), latest, options).timeout(left, timedOut) : timedOut;
			});
		});
	}

	private Mono<RunObject> follow(Mono<ApiResponse<RunObject>> first, AtomicReference<@Nullable RunObject> latest,
			PollOptions options) {
		return first.expand((response) -> {
			RunObject run = response.body();
			latest.set(run);
			if (RunStatuses.isTerminal(run.status())) {
				return Mono.empty();
			}
			return Mono.delay(pollDelay(response.headers(), options))
				.then(exchangeForResponse(getRunRequest(run.threadId(), run.id()), RunObject.class));
		}).last().map(ApiResponse::body);
	}

	private static Duration pollDelay(HttpHeaders headers, PollOptions options) {
		String pollAfter = headers.getFirst("openai-poll-after-ms");
		try {
			return (pollAfter != null) ? Duration.ofMillis(Math.max(0, Long.parseLong(pollAfter.trim())))
					: options.interval();
		}
		catch (NumberFormatException ex) {
			return options.interval();
		}
	}

	private Mono<RunObject> pollTimedOut(@Nullable RunObject latest, PollOptions options) {
		String message = "pollRun: " + ((latest != null) ? "run " + latest.id() + " is still " + latest.status()
				: "the run was not read") + " after " + options.timeout().toMillis() + " ms (openai.polling.timeout)";
		AssistantsTimeoutException timeout = new AssistantsTimeoutException(message, null);
		if (latest == null || !options.cancelOnTimeout()) {
			return Mono.error(timeout);
		}
		return cancelRun(latest.threadId(), latest.id()).onErrorResume((ex) -> {
			timeout.addSuppressed(ex);
			return Mono.empty();
		}).then(Mono.error(timeout));
	}

	/**
	 * The request path of downloads: the response's body as it arrives, each buffer handed on to
	 * the subscriber, who releases it; retried only before the first buffer.
	 */
	Flux<DataBuffer> exchangeContent(ApiRequest request) {
		return this.observations.observeStream(request, Flux.deferContextual((callContext) -> {
			RequestOptions options = RequestOptions.from(callContext);
			return this.retryPolicy.applyBeforeFirstElement(request, Flux.deferContextual((context) -> spec(request,
					options, null, null, MediaType.ALL)
				.exchangeToFlux((response) -> {
					ClientResponse notified = notified(response, context);
					return notified.statusCode().is2xxSuccessful() ? notified.body(BodyExtractors.toDataBuffers())
							: this.<DataBuffer>error(request, notified).flux();
				})
				.onErrorMap((error) -> !(error instanceof AssistantsException), (error) -> failure(request, error))));
		}));
	}

	/**
	 * Read an object again, after the delay the server asks for or the polling interval, until it
	 * has settled, within the polling timeout.
	 * @param first the first answer
	 * @param next the request that reads the object again
	 * @param settled whether the object has settled
	 * @param describe what the timeout says of the object last read
	 */
	<T> Mono<T> pollUntil(Mono<ApiResponse<T>> first, Function<T, ApiRequest> next, Class<T> type,
			Predicate<T> settled, Function<T, String> describe) {
		PollOptions options = this.pollOptions;
		return Mono.defer(() -> {
			AtomicReference<@Nullable T> latest = new AtomicReference<>();
			return first.expand((response) -> {
				T object = response.body();
				latest.set(object);
				return settled.test(object) ? Mono.empty()
						: Mono.delay(pollDelay(response.headers(), options))
							.then(exchangeForResponse(next.apply(object), type));
			}).last().map(ApiResponse::body).timeout(options.timeout(), Mono.error(() -> {
				T last = latest.get();
				return new AssistantsTimeoutException(((last != null) ? describe.apply(last) : "nothing was read")
						+ " after " + options.timeout().toMillis() + " ms (openai.polling.timeout)", null);
			}));
		});
	}

	/**
	 * The operations of the Files and Uploads APIs, on this client's connections and settings.
	 * @return the file operations
	 */
	public FileOperations files() {
		return this.files;
	}

	/**
	 * The operations of the Vector stores API, on this client's connections and settings.
	 * @return the vector store operations
	 */
	public VectorStoreOperations vectorStores() {
		return this.vectorStores;
	}

	private static ApiRequest getRunRequest(String threadId, String runId) {
		return ApiRequest.get("getRun", "/threads/{thread_id}/runs/{run_id}").id("thread_id", threadId).id("run_id",
				runId);
	}

	@Override
	public Mono<RunStepObject> getRunStep(String threadId, String runId, String stepId,
			Collection<RunStepInclude> include) {
		return exchange(ApiRequest.get("getRunStep", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}")
			.id("thread_id", threadId)
			.id("run_id", runId)
			.id("step_id", stepId)
			.query("include[]", included(include)), RunStepObject.class);
	}

	@Override
	public Mono<ListRunStepsResponse> listRunSteps(String threadId, String runId, ListQuery query,
			Collection<RunStepInclude> include) {
		ApiRequest request = ApiRequest.get("listRunSteps", "/threads/{thread_id}/runs/{run_id}/steps")
			.id("thread_id", threadId)
			.id("run_id", runId);
		return exchange(page(request, query).query("include[]", included(include)), ListRunStepsResponse.class);
	}

	private static Collection<RunStepInclude> included(@Nullable Collection<RunStepInclude> include) {
		Assert.notNull(include, "include must not be null");
		return include;
	}

	static <T> T required(@Nullable T argument) {
		Assert.notNull(argument, "request must not be null");
		return argument;
	}

	private static void notStreamed(@Nullable Boolean stream) {
		Assert.isTrue(!Boolean.TRUE.equals(stream), "stream must not be set: this operation answers with one object");
	}

	static ApiRequest page(ApiRequest request, @Nullable ListQuery query) {
		Assert.notNull(query, "query must not be null");
		return request.query("limit", query.limit())
			.query("order", (query.order() != null) ? query.order().value() : null)
			.query("after", query.after())
			.query("before", query.before());
	}

	/**
	 * The request path of every single-object operation: one logical call, retried as configured,
	 * within the overall deadline if there is one.
	 */
	<T> Mono<T> exchange(ApiRequest request, Class<T> responseType) {
		return exchangeForResponse(request, responseType).map(ApiResponse::body);
	}

	<T> Mono<ApiResponse<T>> exchangeForResponse(ApiRequest request, Class<T> responseType) {
		byte[] body = (request.body() != null) ? this.jsonMapper.writeValueAsBytes(request.body()) : null;
		String idempotencyKey = idempotencyKey(request);
		return this.observations.observe(request, Mono.deferContextual((callContext) -> {
			RequestOptions options = RequestOptions.from(callContext);
			byte[] sent = withBodyProperties(body, options);
			Mono<ApiResponse<T>> call = this.retryPolicy.apply(request, Mono.deferContextual((context) -> spec(request,
					options, sent, idempotencyKey, MediaType.APPLICATION_JSON)
				.exchangeToMono((response) -> read(request, notified(response, context), responseType))
				.onErrorMap((error) -> !(error instanceof AssistantsException), (error) -> failure(request, error))));
			Duration timeout = (options.timeout() != null) ? options.timeout() : this.timeout;
			if (timeout == null) {
				return call;
			}
			String setting = (options.timeout() != null) ? "the call's RequestOptions" : "openai.timeout";
			return call.timeout(timeout, Mono.error(() -> new AssistantsTimeoutException(
					request.description() + ": no result within " + timeout.toMillis() + " ms (" + setting + ")", null)));
		}));
	}

	/**
	 * The body with the options' extra properties, which replace the fields of the same name. A
	 * request without a body stays without one.
	 */
	private byte @Nullable [] withBodyProperties(byte @Nullable [] body, RequestOptions options) {
		if (body == null || options.bodyProperties().isEmpty()) {
			return body;
		}
		ObjectNode json = (ObjectNode) this.jsonMapper.readTree(body);
		options.bodyProperties().forEach((name, value) -> json.set(name, this.jsonMapper.valueToTree(value)));
		return this.jsonMapper.writeValueAsBytes(json);
	}

	/**
	 * The request path of the streaming operations: the request's body with {@code stream: true},
	 * server-sent events decoded to typed events until {@code done}, each awaited at most the idle
	 * timeout, retried only before the first event.
	 */
	private Flux<AssistantStreamEvent> exchangeStream(ApiRequest request) {
		ObjectNode json = this.jsonMapper.valueToTree(request.body());
		json.put("stream", true);
		byte[] body = this.jsonMapper.writeValueAsBytes(json);
		String idempotencyKey = idempotencyKey(request);
		return this.observations.observeStream(request, Flux.deferContextual((callContext) -> {
			RequestOptions options = RequestOptions.from(callContext);
			byte[] sent = withBodyProperties(body, options);
			Duration idleTimeout = (options.timeout() != null) ? options.timeout() : this.streamIdleTimeout;
			return this.retryPolicy.applyBeforeFirstElement(request, Flux.deferContextual((context) -> spec(request,
					options, sent, idempotencyKey, MediaType.TEXT_EVENT_STREAM)
				.httpRequest((httpRequest) -> streamIdleTimeout(httpRequest, idleTimeout))
				.exchangeToFlux((response) -> streamed(request, notified(response, context)))
				.transform((events) -> this.nativeIdleTimeout ? events : events.timeout(idleTimeout))
				.transform((events) -> untilDone(request, events))
				.onErrorMap((error) -> !(error instanceof AssistantsException), (error) -> failure(request, error))));
		}));
	}

	/**
	 * Tell the call's {@link ResponseListener}, if it has one, of the response. What the listener
	 * throws is logged, never taken for a failure of the call.
	 */
	private static ClientResponse notified(ClientResponse response, ContextView context) {
		ResponseListener listener = context.getOrDefault(ResponseListener.class, null);
		if (listener != null) {
			try {
				listener.onResponse(response.statusCode().value(), response.headers().asHttpHeaders());
			}
			catch (RuntimeException ex) {
				listenerLogger.warn("ResponseListener " + listener + " failed on a " + response.statusCode().value()
						+ " response; the call goes on", ex);
			}
		}
		return response;
	}

	private Flux<AssistantStreamEvent> streamed(ApiRequest request, ClientResponse response) {
		if (!response.statusCode().is2xxSuccessful()) {
			return this.<AssistantStreamEvent>error(request, response).flux();
		}
		MediaType contentType = response.headers().contentType().orElse(null);
		if (contentType != null && MediaType.APPLICATION_JSON.isCompatibleWith(contentType)) {
			return body(request, response).map(AssistantsTemplate::text)
				.defaultIfEmpty("")
				.flatMapMany((text) -> Flux.error(ApiErrors.invalidResponse(request, response, "the server answered "
						+ contentType + " instead of an event stream; it may not support stream: true", text, null)));
		}
		return events(request, response);
	}

	/**
	 * The typed events of a streamed response: each received buffer copied out and released at
	 * once, split into server-sent events, each decoded from its bytes as it is requested. Buffers
	 * are requested one at a time, so a slow subscriber holds the server back through the
	 * connection instead of the stream piling up in memory.
	 */
	private Flux<AssistantStreamEvent> events(ApiRequest request, ClientResponse response) {
		ServerSentEventReader reader = new ServerSentEventReader(this.maxInMemorySize);
		return response.body(BodyExtractors.toDataBuffers())
			.concatMapIterable(reader::read, 1)
			.concatWith(Flux.defer(() -> Flux.fromIterable(reader.finish())))
			.onErrorMap(DataBufferLimitException.class, (ex) -> ApiErrors.invalidResponse(request, response,
					"an event of the stream is larger than " + this.maxInMemorySize + " bytes (openai.max-in-memory-size)",
					null, ex))
			.map((event) -> this.streamEventDecoder.decode(request, response, event));
	}

	/**
	 * With Reactor Netty, the idle timeout is the connection's read timeout, reset by every read:
	 * far cheaper than a timer per event.
	 */
	private static void streamIdleTimeout(ClientHttpRequest request, Duration idleTimeout) {
		if (request.getNativeRequest() instanceof HttpClientRequest nativeRequest) {
			nativeRequest.responseTimeout(idleTimeout);
		}
	}

	/**
	 * The events up to {@code done}. The response is still read to its end after {@code done}
	 * (what follows is dropped), because a connection whose response is cut short cannot go back to
	 * the pool: the stream completes when the response ends, or {@link #AFTER_DONE} after
	 * {@code done} if the server holds it open.
	 */
	private static Flux<AssistantStreamEvent> untilDone(ApiRequest request, Flux<AssistantStreamEvent> events) {
		return Flux.defer(() -> {
			AtomicBoolean endedWell = new AtomicBoolean();
			AtomicBoolean afterDone = new AtomicBoolean();
			Sinks.One<Boolean> done = Sinks.one();
			return events.<AssistantStreamEvent>handle((event, sink) -> {
				if (afterDone.get()) {
					return;
				}
				if (event instanceof DoneEvent || event instanceof RunEvent) {
					endedWell.set(endsWell(event));
				}
				if (event instanceof ErrorEvent error) {
					sink.error(new AssistantsStreamException(request.description() + ": the server sent an error: "
							+ error.data().message() + " [type=" + error.data().type() + ", code="
							+ error.data().code() + "]", error.data()));
				}
				else if (event instanceof DoneEvent) {
					afterDone.set(true);
					done.tryEmitValue(true);
				}
				else {
					sink.next(event);
				}
			})
				.takeUntilOther(done.asMono().delayElement(AFTER_DONE))
				.concatWith(Mono.defer(() -> endedWell.get() ? Mono.empty()
						: Mono.error(new AssistantsStreamException(
								request.description() + ": the stream ended before its done event", null))));
		});
	}

	/**
	 * Whether a stream may end after this event: after {@code done}, or (for servers that do not
	 * send {@code done}) once the run reached a state it only leaves on a new request, whatever
	 * other events follow it.
	 */
	private static boolean endsWell(AssistantStreamEvent event) {
		return event instanceof DoneEvent || (event instanceof RunEvent run && RunStatuses.isTerminal(run.data().status()));
	}

	private @Nullable String idempotencyKey(ApiRequest request) {
		return (this.idempotencyKeys && request.method() == HttpMethod.POST) ? "assistants-" + UUID.randomUUID() : null;
	}

	private WebClient.RequestHeadersSpec<?> spec(ApiRequest request, RequestOptions options, byte @Nullable [] body,
			@Nullable String idempotencyKey, MediaType accept) {
		WebClient.RequestBodySpec spec = this.webClient.method(request.method())
			.uri(request.uri(this.baseUrl, options.queryParameters()))
			.accept(accept);
		if (idempotencyKey != null) {
			spec.header("Idempotency-Key", idempotencyKey);
		}
		options.headers().forEach(spec::header);
		MultiValueMap<String, HttpEntity<?>> parts = request.parts();
		if (parts != null) {
			spec.body(BodyInserters.fromMultipartData(parts));
		}
		else if (body != null) {
			spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
		}
		return spec;
	}

	private <T> Mono<ApiResponse<T>> read(ApiRequest request, ClientResponse response, Class<T> responseType) {
		if (!response.statusCode().is2xxSuccessful()) {
			return error(request, response);
		}
		HttpHeaders headers = response.headers().asHttpHeaders();
		return body(request, response)
			.map((buffer) -> new ApiResponse<>(parse(request, response, buffer, responseType), headers,
					response.statusCode().value()))
			.switchIfEmpty(Mono.error(
					() -> ApiErrors.invalidResponse(request, response, "the response has no body", null, null)));
	}

	private <T> Mono<T> error(ApiRequest request, ClientResponse response) {
		return body(request, response).map(AssistantsTemplate::text)
			.defaultIfEmpty("")
			.flatMap((text) -> Mono.error(this.errors.toException(request, response.statusCode().value(),
					response.headers().asHttpHeaders(), text)));
	}

	private Mono<DataBuffer> body(ApiRequest request, ClientResponse response) {
		return DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()), this.maxInMemorySize)
			.onErrorMap(DataBufferLimitException.class, (ex) -> ApiErrors.invalidResponse(request, response,
					"the response is larger than " + this.maxInMemorySize + " bytes (openai.max-in-memory-size)", null,
					ex));
	}

	private <T> T parse(ApiRequest request, ClientResponse response, DataBuffer buffer, Class<T> responseType) {
		try (InputStream json = buffer.asInputStream(false)) {
			return this.jsonMapper.readValue(json, responseType);
		}
		catch (JacksonException ex) {
			buffer.readPosition(0);
			throw ApiErrors.invalidResponse(request, response,
					"the response is not a valid " + responseType.getSimpleName() + ": " + ex.getOriginalMessage(),
					buffer.toString(StandardCharsets.UTF_8), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static String text(DataBuffer buffer) {
		try {
			return buffer.toString(StandardCharsets.UTF_8);
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private AssistantsException failure(ApiRequest request, Throwable error) {
		if (this.poolExhausted != null && isPoolAcquireTimeout(error)) {
			// not retried: a retry would wait as long again for the same connections
			return new AssistantsConnectionException(request.description() + ": " + this.poolExhausted, error, false);
		}
		if (isTimeout(error)) {
			return new AssistantsTimeoutException(
					request.description() + ": " + this.serverAddress + " did not answer in time", error);
		}
		return new AssistantsConnectionException(request.description() + ": the request to " + this.serverAddress
				+ " failed: " + rootMessage(error), error);
	}

	/** Reactor Netty's pool (its shaded reactor-pool) gave no connection within the acquire timeout. */
	private static boolean isPoolAcquireTimeout(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getSimpleName().equals("PoolAcquireTimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTimeout(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException
					|| cause instanceof io.netty.handler.timeout.TimeoutException
					|| cause instanceof ConnectTimeoutException) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable error) {
		Throwable root = error;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	/**
	 * Release the connection pool this client created, if it created one. Calls in progress fail.
	 */
	@Override
	public void close() {
		if (this.connectionProvider != null) {
			this.connectionProvider.dispose();
		}
	}

	/**
	 * Builder of {@link AssistantsTemplate}.
	 */
	public static final class Builder {

		private static final String USER_AGENT = "assistants-spring-boot/" + version();

		private WebClient.Builder webClientBuilder = WebClient.builder();

		private String baseUrl = DEFAULT_BASE_URL;

		private @Nullable String apiKey;

		private AuthStyle authStyle = AuthStyle.BEARER;

		private @Nullable String organization;

		private @Nullable String project;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Duration connectTimeout = Duration.ofSeconds(10);

		private Duration responseTimeout = Duration.ofSeconds(60);

		private DataSize maxInMemorySize = DataSize.ofMegabytes(10);

		private int maxConnections = 100;

		private Duration connectionAcquireTimeout = Duration.ofSeconds(10);

		private RetrySettings retry = RetrySettings.DEFAULT;

		private boolean idempotencyKeys;

		private @Nullable Duration timeout;

		private boolean wiretap;

		private Duration streamIdleTimeout = Duration.ofSeconds(60);

		private PollOptions pollOptions = PollOptions.DEFAULT;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable AssistantsObservationConvention observationConvention;

		private @Nullable ClientHttpConnector clientConnector;

		private ReactorClientHttpConnectorBuilder clientConnectorBuilder = ClientHttpConnectorBuilder.reactor();

		private @Nullable SslBundle sslBundle;

		private Builder() {
		}

		/**
		 * Build on the given {@link WebClient.Builder}, for example Spring Boot's, so that its
		 * customizers (observation, filters) apply. The builder is cloned, never changed.
		 * @param webClientBuilder the builder to start from
		 * @return this builder
		 */
		public Builder webClientBuilder(WebClient.Builder webClientBuilder) {
			Assert.notNull(webClientBuilder, "webClientBuilder must not be null");
			this.webClientBuilder = webClientBuilder;
			return this;
		}

		/**
		 * Set the base URL of the API, {@value AssistantsTemplate#DEFAULT_BASE_URL} by default.
		 * @param baseUrl an absolute URL such as {@code http://localhost:8080/v1}
		 * @return this builder
		 */
		public Builder baseUrl(String baseUrl) {
			Assert.hasText(baseUrl, "baseUrl must not be blank");
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the API key; without one no authentication header is sent.
		 * @param apiKey the API key
		 * @return this builder
		 */
		public Builder apiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set how the API key is sent, {@link AuthStyle#BEARER} by default.
		 * @param authStyle the authentication style
		 * @return this builder
		 */
		public Builder authStyle(AuthStyle authStyle) {
			Assert.notNull(authStyle, "authStyle must not be null");
			this.authStyle = authStyle;
			return this;
		}

		/**
		 * Set the organization sent as {@code OpenAI-Organization}.
		 * @param organization the organization ID
		 * @return this builder
		 */
		public Builder organization(@Nullable String organization) {
			this.organization = organization;
			return this;
		}

		/**
		 * Set the project sent as {@code OpenAI-Project}.
		 * @param project the project ID
		 * @return this builder
		 */
		public Builder project(@Nullable String project) {
			this.project = project;
			return this;
		}

		/**
		 * Add a header sent with every request; it replaces a header of the same name set by the
		 * client.
		 * @param name the header name
		 * @param value the header value
		 * @return this builder
		 */
		public Builder header(String name, String value) {
			Assert.hasText(name, "header name must not be blank");
			Assert.notNull(value, "header value must not be null");
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Set the time allowed to establish a connection, 10 seconds by default.
		 * @param connectTimeout the connect timeout
		 * @return this builder
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			Assert.isTrue(connectTimeout != null && !connectTimeout.isNegative() && !connectTimeout.isZero(), "connectTimeout must be positive");
			this.connectTimeout = connectTimeout;
			return this;
		}

		/**
		 * Set the time allowed for the response to arrive once the request is sent, 60 seconds by
		 * default.
		 * @param responseTimeout the response timeout
		 * @return this builder
		 */
		public Builder responseTimeout(Duration responseTimeout) {
			Assert.isTrue(responseTimeout != null && !responseTimeout.isNegative() && !responseTimeout.isZero(), "responseTimeout must be positive");
			this.responseTimeout = responseTimeout;
			return this;
		}

		/**
		 * Set the largest response body that is read, and the largest event of a streamed run, 10 MB
		 * by default.
		 * @param maxInMemorySize the limit
		 * @return this builder
		 */
		public Builder maxInMemorySize(DataSize maxInMemorySize) {
			Assert.isTrue(maxInMemorySize != null && maxInMemorySize.toBytes() > 0
					&& maxInMemorySize.toBytes() <= Integer.MAX_VALUE, "maxInMemorySize must be between 1 B and 2 GB");
			this.maxInMemorySize = maxInMemorySize;
			return this;
		}

		/**
		 * Set the largest number of connections the client opens to the server, 100 by default;
		 * further calls wait for a free connection.
		 * @param maxConnections the pool size
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			Assert.isTrue(maxConnections > 0, "maxConnections must be positive");
			this.maxConnections = maxConnections;
			return this;
		}
		/**
		 * Set the longest wait for a free connection when all {@link #maxConnections} are in use,
		 * 10 seconds by default; a call that waits longer fails with an
		 * {@link AssistantsConnectionException} that is not retried. It does not apply to a
		 * {@link #clientConnector custom connector}.
		 * @param connectionAcquireTimeout the longest wait
		 * @return this builder
		 */
		public Builder connectionAcquireTimeout(Duration connectionAcquireTimeout) {
			Assert.isTrue(connectionAcquireTimeout != null && !connectionAcquireTimeout.isNegative()
					&& !connectionAcquireTimeout.isZero(), "connectionAcquireTimeout must be positive");
			this.connectionAcquireTimeout = connectionAcquireTimeout;
			return this;
		}


		/**
		 * Set how failed calls are retried, {@link RetrySettings#DEFAULT} by default.
		 * @param retry the retry settings
		 * @return this builder
		 */
		public Builder retry(RetrySettings retry) {
			Assert.notNull(retry, "retry must not be null");
			this.retry = retry;
			return this;
		}

		/**
		 * Set whether each POST carries an {@code Idempotency-Key} header, one per call and the
		 * same on each of its retries, so a server can tell a retry from a new call. Off by
		 * default.
		 * @param idempotencyKeys whether to send idempotency keys
		 * @return this builder
		 */
		public Builder idempotencyKeys(boolean idempotencyKeys) {
			this.idempotencyKeys = idempotencyKeys;
			return this;
		}

		/**
		 * Set the time allowed for a whole call, all its attempts and the waits between them
		 * included. None by default: each attempt is bounded by the connect and response timeouts.
		 * @param timeout the overall deadline, or {@code null} for none
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Assert.isTrue(timeout == null || (!timeout.isNegative() && !timeout.isZero()), "timeout must be positive");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Set the registry the client's observations are made with: one
		 * {@code assistants.client.operation} observation per call, retries and for a stream the
		 * whole stream included. None by default.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "observationRegistry must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set the convention that names the observations and their keys, instead of
		 * {@link DefaultAssistantsObservationConvention}.
		 * @param observationConvention the convention
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable AssistantsObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set how {@code pollRun} and the {@code ...AndPoll} operations poll by default,
		 * {@link PollOptions#DEFAULT} unless set.
		 * @param pollOptions the polling options
		 * @return this builder
		 */
		public Builder pollOptions(PollOptions pollOptions) {
			Assert.notNull(pollOptions, "pollOptions must not be null");
			this.pollOptions = pollOptions;
			return this;
		}

		/**
		 * Set the longest wait for the next event of a streamed run, 60 seconds by default; a
		 * longer silence fails the stream with an {@link AssistantsTimeoutException}.
		 * @param streamIdleTimeout the idle timeout
		 * @return this builder
		 */
		public Builder streamIdleTimeout(Duration streamIdleTimeout) {
			Assert.isTrue(streamIdleTimeout != null && !streamIdleTimeout.isNegative() && !streamIdleTimeout.isZero(),
					"streamIdleTimeout must be positive");
			this.streamIdleTimeout = streamIdleTimeout;
			return this;
		}

		/**
		 * Set whether to log what goes over each connection, at DEBUG level on the logger
		 * {@code dev.assistants.client.wiretap}, with the API key and authentication headers
		 * redacted. Off by default; it does not apply to a {@link #clientConnector custom
		 * connector}.
		 * @param wiretap whether to log the traffic
		 * @return this builder
		 */
		public Builder wiretap(boolean wiretap) {
			this.wiretap = wiretap;
			return this;
		}

		/**
		 * Set the TLS of the connections: the trust material (a private CA, a self-signed
		 * server certificate) and, for mutual TLS, the key and certificate the client presents,
		 * from a Spring Boot SSL bundle. The JDK's defaults without one. It does not apply to a
		 * {@link #clientConnector custom connector}.
		 * @param sslBundle the bundle, or {@code null} for the JDK's defaults
		 * @return this builder
		 */
		public Builder sslBundle(@Nullable SslBundle sslBundle) {
			this.sslBundle = sslBundle;
			return this;
		}

		/**
		 * Build the client's Reactor Netty connector with the given builder, for example Spring
		 * Boot's {@code ClientHttpConnectorBuilder} bean, so that its customizations (its
		 * customizers, a resource factory's event loops) apply. The client gives the connector its
		 * own connection pool, timeouts, TLS and wiretap, and follows no redirect. Spring Boot's
		 * plain Reactor Netty builder by default.
		 * @param clientConnectorBuilder the builder
		 * @return this builder
		 */
		public Builder clientConnectorBuilder(ReactorClientHttpConnectorBuilder clientConnectorBuilder) {
			Assert.notNull(clientConnectorBuilder, "clientConnectorBuilder must not be null");
			this.clientConnectorBuilder = clientConnectorBuilder;
			return this;
		}

		/**
		 * Use the given connector instead of a Reactor Netty one built from the connect and
		 * response timeouts and the connection limit, for example to go through a proxy. The
		 * timeouts, the pool and the TLS are then the connector's.
		 * @param clientConnector the connector
		 * @return this builder
		 */
		public Builder clientConnector(@Nullable ClientHttpConnector clientConnector) {
			this.clientConnector = clientConnector;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public AssistantsTemplate build() {
			URI baseUri = URI.create(this.baseUrl);
			Assert.isTrue(baseUri.isAbsolute() && baseUri.getHost() != null,
					() -> "baseUrl must be an absolute http(s) URL but was '" + this.baseUrl + "'");
			HeaderValues.requireSendable(this.apiKey, "apiKey (openai.api-key)");
			HeaderValues.requireSendable(this.organization, "organization (openai.organization)");
			HeaderValues.requireSendable(this.project, "project (openai.project)");
			this.headers.forEach((name, value) -> HeaderValues.requireSendable(value, "header " + name + " (openai.headers)"));
			ConnectionProvider connectionProvider = (this.clientConnector != null) ? null
					: ConnectionProvider.builder("assistants")
						.maxConnections(this.maxConnections)
						.pendingAcquireTimeout(this.connectionAcquireTimeout)
						.pendingAcquireMaxCount(-1)
						.build();
			WebClient webClient = this.webClientBuilder.clone()
				.clientConnector((connectionProvider != null) ? reactorConnector(connectionProvider)
						: this.clientConnector)
				.defaultHeaders(this::defaultHeaders)
				// WebClient's detailed request logging would write the Authorization header verbatim
				.codecs((codecs) -> {
					codecs.defaultCodecs().enableLoggingRequestDetails(false);
					codecs.defaultCodecs().maxInMemorySize((int) this.maxInMemorySize.toBytes());
				})
				.build();
			return new AssistantsTemplate(this, webClient, baseUri, connectionProvider);
		}

		private ClientHttpConnector reactorConnector(ConnectionProvider connectionProvider) {
			ReactorClientHttpConnectorBuilder builder = this.clientConnectorBuilder
				.withHttpClientFactory(() -> HttpClient.create(connectionProvider));
			if (this.wiretap) {
				RedactingWiretap wiretap = new RedactingWiretap(this.apiKey);
				builder = builder.withHttpClientCustomizer((httpClient) -> httpClient
					.doOnChannelInit((observer, channel, address) -> wiretap.install(channel)));
			}
			return builder.build(new HttpClientSettings(HttpRedirects.DONT_FOLLOW, this.connectTimeout,
					this.responseTimeout, this.sslBundle));
		}

		private void defaultHeaders(HttpHeaders headers) {
			headers.set(HttpHeaders.USER_AGENT, USER_AGENT);
			headers.set("OpenAI-Beta", "assistants=v2");
			if (this.apiKey != null && !this.apiKey.isBlank()) {
				switch (this.authStyle) {
					case BEARER -> headers.setBearerAuth(this.apiKey);
					case API_KEY -> headers.set("api-key", this.apiKey);
				}
			}
			if (this.organization != null && !this.organization.isBlank()) {
				headers.set("OpenAI-Organization", this.organization);
			}
			if (this.project != null && !this.project.isBlank()) {
				headers.set("OpenAI-Project", this.project);
			}
			this.headers.forEach(headers::set);
		}

		private static String version() {
			Properties properties = new Properties();
			try (InputStream in = AssistantsTemplate.class.getResourceAsStream("assistants-client.properties")) {
				if (in != null) {
					properties.load(in);
				}
			}
			catch (IOException ex) {
				// the version only decorates the User-Agent
			}
			return properties.getProperty("version", "unknown");
		}

	}

}
