package dev.assistants.engine.model;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.MessageObject;
import dev.assistants.api.ReasoningEffort;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;

/**
 * One turn of a run, as a model needs it.
 *
 * @param run the run: its model, instructions (with any {@code additional_instructions} appended),
 * tools, {@code tool_choice}, {@code response_format}, sampling settings and token limits, each
 * already resolved from the run or else its assistant
 * @param reasoningEffort the reasoning effort the run or its assistant asked for, if any (the API
 * does not show it on the run object)
 * @param messages the thread's messages, oldest first, including those the run was created with
 * @param steps the run's steps so far, oldest first: a turn after tool outputs sees the calls and
 * their outputs here
 */
public record ModelRequest(RunObject run, @Nullable ReasoningEffort reasoningEffort, List<MessageObject> messages,
		List<RunStepObject> steps) {

	public ModelRequest {
		Objects.requireNonNull(run, "run must not be null");
		messages = List.copyOf(messages);
		steps = List.copyOf(steps);
	}

	/**
	 * The function calls of this run's earlier turns and their outputs, oldest first.
	 * @return the calls
	 */
	public List<RunStepDetailsToolCallsFunctionObject> functionCalls() {
		return this.steps.stream()
			.map(RunStepObject::stepDetails)
			.filter(RunStepDetailsToolCallsObject.class::isInstance)
			.flatMap((details) -> ((RunStepDetailsToolCallsObject) details).toolCalls().stream())
			.filter(RunStepDetailsToolCallsFunctionObject.class::isInstance)
			.map(RunStepDetailsToolCallsFunctionObject.class::cast)
			.toList();
	}

}
