package dev.assistants.client.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import dev.assistants.client.observation.AssistantsObservationDocumentation.HighCardinalityKeyNames;
import dev.assistants.client.observation.AssistantsObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default names and keys of the client's observations, each key in a method of its own to
 * override.
 */
public class DefaultAssistantsObservationConvention implements AssistantsObservationConvention {

	/** The name of the observation, and so of its timer. */
	public static final String NAME = "assistants.client.operation";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AssistantsObservationContext context) {
		return "assistants " + context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AssistantsObservationContext context) {
		return KeyValues.of(operation(context), outcome(context), status(context), error(context),
				serverAddress(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(AssistantsObservationContext context) {
		KeyValues keyValues = KeyValues.empty();
		keyValues = (context.getAssistantId() != null) ? keyValues.and(assistantId(context)) : keyValues;
		keyValues = (context.getThreadId() != null) ? keyValues.and(threadId(context)) : keyValues;
		keyValues = (context.getRunId() != null) ? keyValues.and(runId(context)) : keyValues;
		return (context.getRequestId() != null) ? keyValues.and(requestId(context)) : keyValues;
	}

	protected KeyValue operation(AssistantsObservationContext context) {
		return LowCardinalityKeyNames.OPERATION.withValue(context.getOperation());
	}

	protected KeyValue outcome(AssistantsObservationContext context) {
		Integer status = context.getStatus();
		String outcome;
		if (context.isCancelled()) {
			outcome = "CANCELLED";
		}
		else if (context.getError() == null && status != null && status < 400) {
			outcome = "SUCCESS";
		}
		else if (status != null && status >= 400 && status < 500) {
			outcome = "CLIENT_ERROR";
		}
		else if (status != null && status >= 500) {
			outcome = "SERVER_ERROR";
		}
		else {
			outcome = "UNKNOWN";
		}
		return LowCardinalityKeyNames.OUTCOME.withValue(outcome);
	}

	protected KeyValue status(AssistantsObservationContext context) {
		return LowCardinalityKeyNames.STATUS
			.withValue((context.getStatus() != null) ? String.valueOf(context.getStatus()) : "NONE");
	}

	protected KeyValue error(AssistantsObservationContext context) {
		return LowCardinalityKeyNames.ERROR
			.withValue((context.getError() != null) ? context.getError().getClass().getSimpleName() : "none");
	}

	protected KeyValue serverAddress(AssistantsObservationContext context) {
		return LowCardinalityKeyNames.SERVER_ADDRESS.withValue(context.getServerAddress());
	}

	protected KeyValue assistantId(AssistantsObservationContext context) {
		return HighCardinalityKeyNames.ASSISTANT_ID.withValue(String.valueOf(context.getAssistantId()));
	}

	protected KeyValue threadId(AssistantsObservationContext context) {
		return HighCardinalityKeyNames.THREAD_ID.withValue(String.valueOf(context.getThreadId()));
	}

	protected KeyValue runId(AssistantsObservationContext context) {
		return HighCardinalityKeyNames.RUN_ID.withValue(String.valueOf(context.getRunId()));
	}

	protected KeyValue requestId(AssistantsObservationContext context) {
		return HighCardinalityKeyNames.REQUEST_ID.withValue(String.valueOf(context.getRequestId()));
	}

}
