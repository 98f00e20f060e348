package dev.assistants.client.observation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import dev.assistants.api.RunCompletionUsage;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;

/**
 * Counts, from the client's observations, what a timer does not show: the retries of each
 * operation by cause ({@value #RETRIES}), and the tokens completed runs used ({@value #TOKEN_USAGE},
 * by {@code type}: {@code prompt}, {@code completion}, {@code total}), and what the server's rate
 * limits still allow after the last answer that said so ({@value #RATE_LIMIT_REMAINING}).
 */
public class AssistantsMetricsObservationHandler implements ObservationHandler<AssistantsObservationContext> {

	/** The counter of retries, tagged {@code operation} and {@code cause}. */
	public static final String RETRIES = "assistants.client.retries";

	/** The counter of tokens used by completed runs, tagged {@code operation} and {@code type}. */
	public static final String TOKEN_USAGE = "assistants.client.token.usage";

	/**
	 * The gauge of what the server's rate limits still allow, from the last answer's
	 * {@code x-ratelimit-remaining-*} headers, tagged {@code limit} ({@code requests} or
	 * {@code tokens}) and {@code server.address}.
	 */
	public static final String RATE_LIMIT_REMAINING = "assistants.client.rate.limit.remaining";

	private final MeterRegistry meterRegistry;

	private final Map<List<String>, AtomicLong> remaining = new ConcurrentHashMap<>();

	/**
	 * Create a handler.
	 * @param meterRegistry the registry of the counters
	 */
	public AssistantsMetricsObservationHandler(MeterRegistry meterRegistry) {
		this.meterRegistry = meterRegistry;
	}

	@Override
	public void onStop(AssistantsObservationContext context) {
		String operation = context.getOperation();
		context.getRetryCauses()
			.forEach((cause) -> this.meterRegistry.counter(RETRIES, "operation", operation, "cause", cause).increment());
		remaining(context.getServerAddress(), "requests", context.getRemainingRequests());
		remaining(context.getServerAddress(), "tokens", context.getRemainingTokens());
		RunCompletionUsage usage = usage(context.getRun());
		if (usage != null) {
			count(operation, "prompt", usage.promptTokens());
			count(operation, "completion", usage.completionTokens());
			count(operation, "total", usage.totalTokens());
		}
	}

	private void remaining(String serverAddress, String limit, @Nullable Long value) {
		if (value != null) {
			this.remaining.computeIfAbsent(List.of(serverAddress, limit), (key) -> this.meterRegistry.gauge(
					RATE_LIMIT_REMAINING, Tags.of("limit", limit, "server.address", serverAddress), new AtomicLong()))
				.set(value);
		}
	}

	private static @Nullable RunCompletionUsage usage(@Nullable RunObject run) {
		return (run != null && RunStatus.COMPLETED.equals(run.status())) ? run.usage() : null;
	}

	private void count(String operation, String type, long tokens) {
		this.meterRegistry.counter(TOKEN_USAGE, "operation", operation, "type", type).increment(tokens);
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AssistantsObservationContext;
	}

}
