package dev.assistants.health;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;

import dev.assistants.client.AssistantsApiException;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.ListQuery;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of the Assistants API server: one cheap authenticated call ({@code GET /assistants?limit=1})
 * within its own timeout. {@code UP} with the base URL and the call's latency; {@code DOWN} with the
 * HTTP status, the server's request ID and the error type when the server refuses the key, fails, is
 * not reached or does not answer in time. The key never appears in the details.
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
			return this.operations.listAssistants(ListQuery.limit(1))
				.timeout(this.timeout)
				.map((page) -> Health.up()
					.withDetail("baseUrl", this.baseUrl)
					.withDetail("latencyMs", Duration.ofNanos(System.nanoTime() - start).toMillis())
					.build())
				.onErrorResume((error) -> Mono.just(down(error)));
		});
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
