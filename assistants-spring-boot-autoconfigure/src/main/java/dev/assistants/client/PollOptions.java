package dev.assistants.client;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a run is polled until it stops: the interval between two reads when the server does not say
 * ({@code openai-poll-after-ms} wins), the overall deadline, and whether to cancel the run when the
 * deadline passes.
 *
 * @param interval the delay between two reads of the run when the server gives none
 * @param timeout how long to poll before failing with an {@link AssistantsTimeoutException}
 * @param cancelOnTimeout whether to cancel the run when the deadline passes
 */
public record PollOptions(Duration interval, Duration timeout, boolean cancelOnTimeout) {

	/** Every second, for at most 10 minutes, without cancelling the run. */
	public static final PollOptions DEFAULT = new PollOptions(Duration.ofSeconds(1), Duration.ofMinutes(10), false);

	public PollOptions {
		Assert.isTrue(interval != null && !interval.isNegative(), "interval must not be negative");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
	}

}
