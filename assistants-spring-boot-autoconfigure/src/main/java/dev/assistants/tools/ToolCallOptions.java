package dev.assistants.tools;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How {@link AssistantToolCalls} answers function calls.
 *
 * @param maxRounds how many times outputs are submitted for one run at the most
 * @param onError what to do when a call cannot be answered: the function is unknown, throws, or
 * does not answer in time
 * @param functionTimeout how long a function may take to answer
 * @param cancelOnFailure whether to cancel the run when the loop gives up (it ran out of rounds, a
 * call failed with {@link ToolErrorHandling#FAIL}, or the subscriber cancelled), so that its thread
 * takes new messages again
 */
public record ToolCallOptions(int maxRounds, ToolErrorHandling onError, Duration functionTimeout,
		boolean cancelOnFailure) {

	/** The defaults: 10 rounds, errors reported to the model, 60 seconds a function, runs cancelled. */
	public static final ToolCallOptions DEFAULT = new ToolCallOptions(10, ToolErrorHandling.REPORT,
			Duration.ofSeconds(60), true);

	public ToolCallOptions {
		Assert.isTrue(maxRounds > 0, "maxRounds must be positive");
		Assert.notNull(onError, "onError must not be null");
		Assert.isTrue(functionTimeout != null && !functionTimeout.isNegative() && !functionTimeout.isZero(),
				"functionTimeout must be positive");
	}

}
