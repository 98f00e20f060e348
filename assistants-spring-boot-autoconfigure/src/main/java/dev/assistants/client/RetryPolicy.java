package dev.assistants.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

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
		return (this.settings.maxRetries() == 0) ? call : call.retryWhen(retry(request, () -> true));
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
			return call.doOnNext((element) -> started.set(true)).retryWhen(retry(request, () -> !started.get()));
		});
	}

	private Retry retry(ApiRequest request, BooleanSupplier allowed) {
		return Retry.from((signals) -> {
			List<Throwable> earlier = new ArrayList<>();
			return signals.concatMap((signal) -> {
				Throwable failure = signal.failure();
				int attempts = (int) signal.totalRetries() + 1;
				Duration delay = (failure instanceof AssistantsException ex && attempts <= this.settings.maxRetries()
						&& allowed.getAsBoolean()) ? delay(ex, attempts) : null;
				if (delay == null) {
					return Mono.error(lastFailure(failure, attempts, earlier));
				}
				if (logger.isDebugEnabled()) {
					logger.debug(request.description() + ": attempt " + attempts + " failed, retrying in "
							+ delay.toMillis() + " ms: " + failure.getMessage());
				}
				earlier.add(failure);
				return Mono.deferContextual((context) -> {
					Observations.current(context).ifPresent((observed) -> observed.getRetryCauses().add(cause(failure)));
					return Mono.delay(delay);
				});
			});
		});
	}

	/**
	 * The delay before retry number {@code retry}, or {@code null} if the failure must not be
	 * retried.
	 */
	@Nullable Duration delay(AssistantsException failure, int retry) {
		if (!failure.isRetryable()) {
			return null;
		}
		Duration requested = (failure instanceof AssistantsApiException api) ? api.getRetryAfter() : null;
		if (requested != null) {
			return (requested.compareTo(this.settings.maxServerDelay()) <= 0) ? requested : null;
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
