package dev.assistants.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Retries a call as its {@link RetrySettings} say, on Reactor timers: cancelling the subscriber
 * stops the wait and the next attempt.
 */
final class RetryPolicy {

	private static final Log logger = LogFactory.getLog(RetryPolicy.class);

	private final RetrySettings settings;

	private final DoubleSupplier random;

	RetryPolicy(RetrySettings settings) {
		this(settings, () -> ThreadLocalRandom.current().nextDouble());
	}

	RetryPolicy(RetrySettings settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	<T> Mono<T> apply(ApiRequest request, Mono<T> call) {
		return (this.settings.maxRetries() == 0 || !request.retryable()) ? call : attempt(request, call, 1, List.of());
	}

	/**
	 * Retry a stream only while it has emitted nothing: once an event has been delivered, trying
	 * again would deliver it twice.
	 */
	<T> Flux<T> applyBeforeFirstElement(ApiRequest request, Flux<T> call) {
		if (this.settings.maxRetries() == 0) {
			return call;
		}
		return Flux.defer(() -> {
			AtomicBoolean started = new AtomicBoolean();
			return attempt(request, call.doOnNext((element) -> started.set(true)), 1, List.of(), started);
		});
	}

	// One attempt, then on failure the next after its wait: a call that succeeds costs no more than
	// the attempt itself.

	private <T> Mono<T> attempt(ApiRequest request, Mono<T> call, int attempt, List<Throwable> earlier) {
		return call.onErrorResume((failure) -> {
			Wait wait = next(request, failure, attempt, earlier);
			return (wait != null) ? wait.delay().then(attempt(request, call, attempt + 1, wait.failures()))
					: Mono.error(lastFailure(failure, attempt, earlier));
		});
	}

	private <T> Flux<T> attempt(ApiRequest request, Flux<T> call, int attempt, List<Throwable> earlier,
			AtomicBoolean started) {
		return call.onErrorResume((failure) -> {
			Wait wait = started.get() ? null : next(request, failure, attempt, earlier);
			return (wait != null) ? wait.delay().thenMany(attempt(request, call, attempt + 1, wait.failures(), started))
					: Flux.error(lastFailure(failure, attempt, earlier));
		});
	}

	/**
	 * The wait before the next attempt, or {@code null} if the failure ends the call.
	 */
	private @Nullable Wait next(ApiRequest request, Throwable failure, int attempt, List<Throwable> earlier) {
		Duration delay = (failure instanceof AssistantsException ex && attempt <= this.settings.maxRetries())
				? delay(ex, attempt) : null;
		if (delay == null) {
			return null;
		}
		if (logger.isDebugEnabled()) {
			logger.debug(request.description() + ": attempt " + attempt + " failed, retrying in " + delay.toMillis()
					+ " ms: " + failure.getMessage());
		}
		List<Throwable> failures = new ArrayList<>(earlier);
		failures.add(failure);
		return new Wait(Mono.deferContextual((context) -> {
			Observations.current(context).ifPresent((observed) -> observed.getRetryCauses().add(cause(failure)));
			return Mono.delay(delay);
		}), failures);
	}

	private record Wait(Mono<Long> delay, List<Throwable> failures) {
	}

	/**
	 * The delay before retry number {@code retry}, or {@code null} if the failure must not be
	 * retried. A retryable failure that is not retried because the server asks for too long a wait
	 * is told why, for its message.
	 */
	@Nullable Duration delay(AssistantsException failure, int retry) {
		if (!failure.isRetryable()) {
			return null;
		}
		Duration requested = (failure instanceof AssistantsApiException api) ? api.getRetryAfter() : null;
		if (requested != null) {
			if (requested.compareTo(this.settings.maxServerDelay()) <= 0) {
				return requested;
			}
			failure.notRetried("the server asked to wait " + requested.toMillis() + " ms, longer than "
					+ "openai.retry.max-server-delay (" + this.settings.maxServerDelay().toMillis() + " ms)");
			return null;
		}
		double backoff = Math.min(this.settings.initialBackoff().toNanos() * Math.pow(2, retry - 1),
				this.settings.maxBackoff().toNanos());
		return Duration.ofNanos((long) (backoff * (1 - this.settings.jitter() * this.random.getAsDouble())));
	}

	private static String cause(Throwable failure) {
		return (failure instanceof AssistantsApiException api) ? String.valueOf(api.getStatusCode())
				: failure.getClass().getSimpleName();
	}

	private static Throwable lastFailure(Throwable failure, int attempts, List<Throwable> earlier) {
		if (failure instanceof AssistantsException ex) {
			ex.attempts(attempts);
			earlier.forEach(ex::addSuppressed);
		}
		return failure;
	}

}
