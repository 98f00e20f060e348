package dev.assistants.client;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private static final RetrySettings SETTINGS = RetrySettings.DEFAULT;

	@Test
	void backsOffExponentiallyUpToTheMaximum() {
		RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0);
		AssistantsException failure = new AssistantsConnectionException("reset", null);
		assertThat(policy.delay(failure, 1)).isEqualTo(Duration.ofMillis(500));
		assertThat(policy.delay(failure, 2)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delay(failure, 3)).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delay(failure, 5)).isEqualTo(Duration.ofSeconds(8));
		assertThat(policy.delay(failure, 9)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void jitterShortensTheDelayByUpToAQuarter() {
		AssistantsException failure = new AssistantsConnectionException("reset", null);
		assertThat(new RetryPolicy(SETTINGS, () -> 1).delay(failure, 1)).isEqualTo(Duration.ofMillis(375));
		assertThat(new RetryPolicy(SETTINGS, () -> 0.5).delay(failure, 2)).isEqualTo(Duration.ofMillis(875));
	}

	@Test
	void waitsTheDelayTheServerAsksFor() {
		RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0);
		assertThat(policy.delay(apiFailure(429, true, Duration.ofSeconds(3)), 1)).isEqualTo(Duration.ofSeconds(3));
		assertThat(policy.delay(apiFailure(503, true, Duration.ZERO), 2)).isEqualTo(Duration.ZERO);
	}

	@Test
	void doesNotRetryWhenTheServerAsksForMoreThanTheMaximum() {
		RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0);
		assertThat(policy.delay(apiFailure(429, true, Duration.ofSeconds(61)), 1)).isNull();
	}

	@Test
	void doesNotRetryWhatIsNotRetryable() {
		RetryPolicy policy = new RetryPolicy(SETTINGS, () -> 0);
		assertThat(policy.delay(apiFailure(400, false, null), 1)).isNull();
		assertThat(policy.delay(new InvalidResponseException("html", null), 1)).isNull();
	}

	@Test
	void readsTheServersDelayFromItsHeaders() {
		Instant now = Instant.parse("2026-11-25T12:00:00Z");
		assertThat(ApiErrors.retryAfter(headers("retry-after-ms", "1500.5", "Retry-After", "9"), now))
			.isEqualTo(Duration.ofNanos(1_500_500_000));
		assertThat(ApiErrors.retryAfter(headers("Retry-After", "2"), now)).isEqualTo(Duration.ofSeconds(2));
		assertThat(ApiErrors.retryAfter(headers("Retry-After", "Wed, 25 Nov 2026 12:00:30 GMT"), now))
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(ApiErrors.retryAfter(headers("Retry-After", "Wed, 25 Nov 2026 11:59:00 GMT"), now))
			.isEqualTo(Duration.ZERO);
		assertThat(ApiErrors.retryAfter(headers("Retry-After", "soon"), now)).isNull();
		assertThat(ApiErrors.retryAfter(headers("retry-after-ms", "-5"), now)).isNull();
		assertThat(ApiErrors.retryAfter(HttpHeaders.EMPTY, now)).isNull();
	}

	private static AssistantsApiException apiFailure(int status, boolean retryable, Duration retryAfter) {
		return new AssistantsApiException("failed", new ApiErrorResponse(status, null, null, null, retryable, retryAfter));
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
