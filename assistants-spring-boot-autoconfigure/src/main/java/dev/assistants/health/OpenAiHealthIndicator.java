package dev.assistants.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import dev.assistants.client.AssistantsApiException;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.ListQuery;
import dev.assistants.client.ResponseListener;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of the Assistants API server: one cheap authenticated call ({@code GET /assistants?limit=1})
 * within its own timeout. {@code UP} with the base URL, the call's latency and the server's request
 * ID (when the client is an {@code AssistantsTemplate}); {@code DOWN} with the HTTP status, the
 * server's request ID and the error type when the server refuses the key, fails, is not reached or
 * does not answer in time. The key never appears in the details.
 */
public class OpenAiHealthIndicator implements ReactiveHealthIndicator {

	private final AssistantsOperations operations;

	private final String baseUrl;

	private final Duration timeout;

	/**
	 * Create an indicator.
	 * @param operations the client
	 * @param baseUrl the base URL the client calls, shown in the details
	 * @param timeout how long the check may take
	 */
	public OpenAiHealthIndicator(AssistantsOperations operations, String baseUrl, Duration timeout) {
		this.operations = operations;
		this.baseUrl = baseUrl;
		this.timeout = timeout;
	}

	@Override
	public Mono<Health> health() {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			AtomicReference<@Nullable String> requestId = new AtomicReference<>();
			ResponseListener listener = (status, headers) -> requestId.set(headers.getFirst("x-request-id"));
			return this.operations.listAssistants(ListQuery.limit(1))
				.contextWrite(listener.asContext())
				.timeout(this.timeout)
				.map((page) -> up(Duration.ofNanos(System.nanoTime() - start), requestId.get()))
				.onErrorResume((error) -> Mono.just(down(error)));
		});
	}

	private Health up(Duration latency, @Nullable String requestId) {
		Health.Builder health = Health.up()
			.withDetail("baseUrl", this.baseUrl)
			.withDetail("latencyMs", latency.toMillis());
		if (requestId != null) {
			health.withDetail("requestId", requestId);
		}
		return health.build();
	}

	private Health down(Throwable error) {
		Health.Builder health = Health.down().withDetail("baseUrl", this.baseUrl);
		if (error instanceof AssistantsApiException api) {
			health.withDetail("status", api.getStatusCode());
			if (api.getRequestId() != null) {
				health.withDetail("requestId", api.getRequestId());
			}
		}
		return health.withDetail("error", (error instanceof TimeoutException) ? "Timeout after " + this.timeout.toMillis()
				+ " ms" : error.getClass().getSimpleName()).build();
	}

}
