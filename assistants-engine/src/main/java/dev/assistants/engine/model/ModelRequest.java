package dev.assistants.engine.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.MessageContent;
import dev.assistants.api.MessageContentImageFileObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.ReasoningEffort;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;

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
 * @param imageFiles the image files the messages show ({@code image_file} parts), by file ID
 * @param codeOutputFiles the files the code of the run's {@code code_interpreter} calls wrote, oldest
 * first
 */
public record ModelRequest(RunObject run, @Nullable ReasoningEffort reasoningEffort, List<MessageObject> messages,
		List<RunStepObject> steps, Map<String, ImageFile> imageFiles, List<CodeOutputFile> codeOutputFiles) {

	public ModelRequest {
		Objects.requireNonNull(run, "run must not be null");
		messages = List.copyOf(messages);
		steps = List.copyOf(steps);
		imageFiles = Map.copyOf(imageFiles);
		codeOutputFiles = List.copyOf(codeOutputFiles);
	}

	/**
	 * A turn whose messages show no image file, and whose run's code wrote none.
	 * @param run the run
	 * @param reasoningEffort the reasoning effort, if any
	 * @param messages the thread's messages
	 * @param steps the run's steps so far
	 */
	public ModelRequest(RunObject run, @Nullable ReasoningEffort reasoningEffort, List<MessageObject> messages,
			List<RunStepObject> steps) {
		this(run, reasoningEffort, messages, steps, Map.of(), List.of());
	}

	/**
	 * The same turn with the given image files.
	 * @param imageFiles the image files the messages show, by file ID
	 * @return the turn
	 */
	public ModelRequest withImageFiles(Map<String, ImageFile> imageFiles) {
		return new ModelRequest(this.run, this.reasoningEffort, this.messages, this.steps, imageFiles,
				this.codeOutputFiles);
	}

	/**
	 * The same turn with the given files the run's code wrote.
	 * @param codeOutputFiles the files, oldest first
	 * @return the turn
	 */
	public ModelRequest withCodeOutputFiles(List<CodeOutputFile> codeOutputFiles) {
		return new ModelRequest(this.run, this.reasoningEffort, this.messages, this.steps, this.imageFiles,
				codeOutputFiles);
	}

	/**
	 * The IDs of the image files the messages show.
	 * @return the IDs, in the order they first appear
	 */
	public Set<String> imageFileIds() {
		Set<String> ids = new LinkedHashSet<>();
		for (MessageObject message : this.messages) {
			for (MessageContent part : message.content()) {
				if (part instanceof MessageContentImageFileObject image) {
					ids.add(image.imageFile().fileId());
				}
			}
		}
		return ids;
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
