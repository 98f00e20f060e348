package dev.assistants.client;

import java.util.Optional;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantStreamEvent.RunEvent;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.ThreadObject;
import dev.assistants.client.observation.AssistantsObservationContext;
import dev.assistants.client.observation.AssistantsObservationConvention;
import dev.assistants.client.observation.AssistantsObservationDocumentation;
import dev.assistants.client.observation.DefaultAssistantsObservationConvention;

/**
 * Wraps each call in an {@code assistants.client.operation} observation, started when the call is
 * subscribed to and stopped when it ends, fails or is cancelled. The observation is the parent of
 * the WebClient's own {@code http.client.requests} observations, through the Reactor context.
 */
final class Observations {

	private static final DefaultAssistantsObservationConvention DEFAULT_CONVENTION = new DefaultAssistantsObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable AssistantsObservationConvention convention;

	private final String serverAddress;

	Observations(ObservationRegistry registry, @Nullable AssistantsObservationConvention convention,
			String serverAddress) {
		this.registry = registry;
		this.convention = convention;
		this.serverAddress = serverAddress;
	}

	/**
	 * The context of the observation a call runs in, if it is observed.
	 */
	static Optional<AssistantsObservationContext> current(ContextView reactorContext) {
		return reactorContext.<Observation>getOrEmpty(ObservationThreadLocalAccessor.KEY)
			.map(Observation::getContext)
			.filter(AssistantsObservationContext.class::isInstance)
			.map(AssistantsObservationContext.class::cast);
	}

	<T> Mono<ApiResponse<T>> observe(ApiRequest request, Mono<ApiResponse<T>> call) {
		if (this.registry.isNoop()) {
			return call;
		}
		return Mono.deferContextual((reactorContext) -> {
			AssistantsObservationContext context = context(request);
			Observation observation = start(context, reactorContext);
			return call.doOnNext((response) -> {
				context.setStatus(response.status());
				context.setRequestId(response.headers().getFirst("x-request-id"));
				describe(context, response.body());
			})
				.doOnSuccess((response) -> observation.stop())
				.doOnError((error) -> failed(context, observation, error))
				.doOnCancel(() -> cancelled(context, observation))
				.contextWrite((writable) -> observed(writable, observation, context));
		});
	}

	<T> Flux<T> observeStream(ApiRequest request, Flux<T> events) {
		if (this.registry.isNoop()) {
			return events;
		}
		return Flux.deferContextual((reactorContext) -> {
			AssistantsObservationContext context = context(request);
			Observation observation = start(context, reactorContext);
			return events.doOnNext((event) -> {
				context.setStatus(200);
				if (event instanceof RunEvent run) {
					describe(context, run.data());
				}
			})
				.doOnComplete(observation::stop)
				.doOnError((error) -> failed(context, observation, error))
				.doOnCancel(() -> cancelled(context, observation))
				.contextWrite((writable) -> observed(writable, observation, context));
		});
	}

	/**
	 * The call's Reactor context with its observation, and a {@link ResponseListener} that reads
	 * the rate-limit headers of each answer into the observation's context before telling the
	 * caller's own listener, if any.
	 */
	private static Context observed(Context reactorContext, Observation observation,
			AssistantsObservationContext context) {
		ResponseListener callers = reactorContext.getOrDefault(ResponseListener.class, null);
		ResponseListener listener = (status, headers) -> {
			context.setRemainingRequests(number(headers.getFirst("x-ratelimit-remaining-requests")));
			context.setRemainingTokens(number(headers.getFirst("x-ratelimit-remaining-tokens")));
			if (callers != null) {
				callers.onResponse(status, headers);
			}
		};
		return reactorContext.put(ObservationThreadLocalAccessor.KEY, observation).put(ResponseListener.class, listener);
	}

	private static @Nullable Long number(@Nullable String header) {
		try {
			return (header != null) ? Long.valueOf(header.trim()) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private AssistantsObservationContext context(ApiRequest request) {
		AssistantsObservationContext context = new AssistantsObservationContext(request.operation(),
				this.serverAddress);
		context.setAssistantId(request.variable("assistant_id"));
		context.setThreadId(request.variable("thread_id"));
		context.setRunId(request.variable("run_id"));
		return context;
	}

	private Observation start(AssistantsObservationContext context, ContextView reactorContext) {
		return AssistantsObservationDocumentation.CLIENT_OPERATION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.parentObservation(reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
			.start();
	}

	private static void describe(AssistantsObservationContext context, Object body) {
		if (body instanceof RunObject run) {
			context.setRun(run);
			context.setRunId(run.id());
			context.setThreadId(run.threadId());
			context.setAssistantId(run.assistantId());
		}
		else if (body instanceof RunStepObject step) {
			context.setRunId(step.runId());
			context.setThreadId(step.threadId());
		}
		else if (body instanceof ThreadObject thread) {
			context.setThreadId(thread.id());
		}
		else if (body instanceof AssistantObject assistant) {
			context.setAssistantId(assistant.id());
		}
	}

	// The observation stops before the signal goes downstream, so a subscriber sees it stopped.

	private static void failed(AssistantsObservationContext context, Observation observation, Throwable error) {
		if (error instanceof AssistantsApiException api) {
			context.setStatus(api.getStatusCode());
			context.setRequestId(api.getRequestId());
		}
		observation.error(error);
		observation.stop();
	}

	private static void cancelled(AssistantsObservationContext context, Observation observation) {
		context.setCancelled(true);
		observation.stop();
	}

}
