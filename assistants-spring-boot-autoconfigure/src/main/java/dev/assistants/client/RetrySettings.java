package dev.assistants.client;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How failed calls are retried. A call is retried when it failed before an answer (refused or reset
 * connection, timeout) or was answered with a status the server allows to retry
 * ({@link AssistantsException#isRetryable()}). It waits the delay the server asked for, unless that
 * is longer than {@code maxServerDelay}, in which case the call fails at once; otherwise it backs
 * off exponentially from {@code initialBackoff}, doubling up to {@code maxBackoff}, each delay
 * shortened by a random fraction of up to {@code jitter}.
 *
 * @param maxRetries how many times a call is retried after its first attempt
 * @param initialBackoff the delay before the first retry
 * @param maxBackoff the longest delay between two attempts
 * @param jitter the largest fraction, 0 to 1, by which a delay is randomly shortened
 * @param maxServerDelay the longest delay asked for by the server that is waited for
 */
public record RetrySettings(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter,
		Duration maxServerDelay) {

	/** Two retries (three attempts), 0.5 s doubling to 8 s, 25 % jitter, server delays up to 60 s. */
	public static final RetrySettings DEFAULT = new RetrySettings(2, Duration.ofMillis(500), Duration.ofSeconds(8),
			0.25, Duration.ofSeconds(60));

	public RetrySettings {
		Assert.isTrue(maxRetries >= 0, "maxRetries must not be negative");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
				"maxBackoff must not be shorter than initialBackoff");
		Assert.isTrue(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
		Assert.isTrue(maxServerDelay != null && !maxServerDelay.isNegative(), "maxServerDelay must not be negative");
	}

	/**
	 * A copy of these settings with the given number of retries.
	 * @param maxRetries how many times a call is retried, 0 for none
	 * @return the new settings
	 */
	public RetrySettings withMaxRetries(int maxRetries) {
		return new RetrySettings(maxRetries, this.initialBackoff, this.maxBackoff, this.jitter, this.maxServerDelay);
	}

	/**
	 * A copy of these settings with the given first delay, and a maximum at least as long.
	 * @param initialBackoff the delay before the first retry
	 * @return the new settings
	 */
	public RetrySettings withInitialBackoff(Duration initialBackoff) {
		return new RetrySettings(this.maxRetries, initialBackoff,
				(this.maxBackoff.compareTo(initialBackoff) >= 0) ? this.maxBackoff : initialBackoff, this.jitter,
				this.maxServerDelay);
	}

}
