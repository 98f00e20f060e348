package dev.assistants.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A change to a run step while it is streamed ({@code RunStepDeltaObject}, the data of
 * {@code thread.run.step.delta}).
 *
 * @param id the ID of the run step
 * @param object the object type, always {@code thread.run.step.delta}
 * @param delta what changed
 */
public record RunStepDeltaObject(String id, String object, Delta delta) {

	/**
	 * What changed in the run step.
	 *
	 * @param stepDetails the changed details
	 */
	public record Delta(@JsonProperty("step_details") @Nullable RunStepDeltaStepDetails stepDetails) {
	}

}
