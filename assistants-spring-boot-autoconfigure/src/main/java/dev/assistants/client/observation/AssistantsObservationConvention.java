package dev.assistants.client.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The keys and names of the client's observations. Define a bean of this type to replace
 * {@link DefaultAssistantsObservationConvention}.
 */
public interface AssistantsObservationConvention extends ObservationConvention<AssistantsObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AssistantsObservationContext;
	}

}
