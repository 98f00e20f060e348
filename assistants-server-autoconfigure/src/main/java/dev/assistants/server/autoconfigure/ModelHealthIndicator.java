package dev.assistants.server.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.EngineListener;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput.TokenUsage;

/**
 * The health of the model endpoint, from the model turns of the runs: {@code DOWN} once the last
 * {@value #FAILURES_DOWN} turns in a row failed for the endpoint (it could not be reached, did not
 * answer within the model timeout, or answered with a server error), {@code UP} otherwise and again
 * after the next turn that succeeds. A turn the endpoint refused ({@code invalid_prompt}) or limited
 * ({@code rate_limit_exceeded}) shows in the details but does not make the endpoint down: it
 * answered. It spends no tokens: with no runs, it reports {@code UP} with no turns seen.
 */
final class ModelHealthIndicator implements HealthIndicator, EngineListener {

	/** The failed turns in a row that make the endpoint {@code DOWN}: one failure is not an outage. */
	static final int FAILURES_DOWN = 3;

	private final String model;

	private volatile Turns turns = new Turns(null, null, null, 0);

	/**
	 * @param model what answers the runs, as the details name it
	 */
	ModelHealthIndicator(String model) {
		this.model = model;
	}

	@Override
	public void modelTurn(String model, Duration duration, @Nullable TokenUsage usage, @Nullable Throwable failure) {
		Instant now = Instant.now();
		synchronized (this) {
			Turns last = this.turns;
			this.turns = (failure == null) ? new Turns(now, last.lastFailure(), last.lastError(), 0)
					: new Turns(last.lastSuccess(), now, error(failure),
							endpointFailed(failure) ? last.failuresInARow() + 1 : 0);
		}
	}

	@Override
	public Health health() {
		Turns turns = this.turns;
		Health.Builder health = (turns.failuresInARow() >= FAILURES_DOWN) ? Health.down() : Health.up();
		health.withDetail("model", this.model);
		if (turns.lastSuccess() == null && turns.lastFailure() == null) {
			return health.withDetail("turns", "none yet").build();
		}
		if (turns.lastSuccess() != null) {
			health.withDetail("lastSuccess", turns.lastSuccess().toString());
		}
		if (turns.lastFailure() != null) {
			health.withDetail("lastFailure", turns.lastFailure().toString()).withDetail("lastError", turns.lastError());
		}
		return health.withDetail("failuresInARow", turns.failuresInARow()).build();
	}

	/** Whether the endpoint failed the turn, rather than refused or limited the request. */
	private static boolean endpointFailed(Throwable failure) {
		return !(failure instanceof ModelException model) || LastErrorCode.SERVER_ERROR.equals(model.getCode());
	}

	/**
	 * The failure as the details show it: a model's error with its code and the message a run's
	 * {@code last_error} shows its users; of another exception only its type, as its message may
	 * hold anything.
	 */
	private static String error(Throwable failure) {
		return (failure instanceof ModelException model) ? model.getCode().value() + ": " + model.getMessage()
				: failure.getClass().getName();
	}

	private record Turns(@Nullable Instant lastSuccess, @Nullable Instant lastFailure, @Nullable String lastError,
			int failuresInARow) {
	}

}
