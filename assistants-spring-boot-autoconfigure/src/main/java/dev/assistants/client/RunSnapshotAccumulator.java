package dev.assistants.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.assistants.client.model.AssistantStreamEvent;
import dev.assistants.client.model.AssistantStreamEvent.MessageDelta;
import dev.assistants.client.model.AssistantStreamEvent.MessageEvent;
import dev.assistants.client.model.AssistantStreamEvent.RunEvent;
import dev.assistants.client.model.AssistantStreamEvent.RunStepDelta;
import dev.assistants.client.model.AssistantStreamEvent.RunStepEvent;
import dev.assistants.client.model.AssistantStreamEvent.ThreadCreated;
import dev.assistants.client.model.MessageContent;
import dev.assistants.client.model.MessageContentImageFileObject;
import dev.assistants.client.model.MessageContentImageUrlObject;
import dev.assistants.client.model.MessageContentRefusalObject;
import dev.assistants.client.model.MessageContentTextAnnotation;
import dev.assistants.client.model.MessageContentTextAnnotationsFileCitationObject;
import dev.assistants.client.model.MessageContentTextAnnotationsFilePathObject;
import dev.assistants.client.model.MessageContentTextObject;
import dev.assistants.client.model.MessageDeltaContent;
import dev.assistants.client.model.MessageDeltaContentImageFileObject;
import dev.assistants.client.model.MessageDeltaContentImageUrlObject;
import dev.assistants.client.model.MessageDeltaContentRefusalObject;
import dev.assistants.client.model.MessageDeltaContentTextAnnotation;
import dev.assistants.client.model.MessageDeltaContentTextAnnotationsFileCitationObject;
import dev.assistants.client.model.MessageDeltaContentTextAnnotationsFilePathObject;
import dev.assistants.client.model.MessageDeltaContentTextObject;
import dev.assistants.client.model.MessageObject;
import dev.assistants.client.model.RunObject;
import dev.assistants.client.model.RunStepDeltaStepDetails;
import dev.assistants.client.model.RunStepDeltaStepDetailsMessageCreationObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCall;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsCodeObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsCodeOutput;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsFileSearchObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsFunctionObject;
import dev.assistants.client.model.RunStepDeltaStepDetailsToolCallsObject;
import dev.assistants.client.model.RunStepDetails;
import dev.assistants.client.model.RunStepDetailsMessageCreationObject;
import dev.assistants.client.model.RunStepDetailsToolCall;
import dev.assistants.client.model.RunStepDetailsToolCallsCodeObject;
import dev.assistants.client.model.RunStepDetailsToolCallsCodeOutput;
import dev.assistants.client.model.RunStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.client.model.RunStepDetailsToolCallsCodeOutputLogsObject;
import dev.assistants.client.model.RunStepDetailsToolCallsFileSearchObject;
import dev.assistants.client.model.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.client.model.RunStepDetailsToolCallsObject;
import dev.assistants.client.model.RunStepObject;
import dev.assistants.client.model.ThreadObject;
import dev.assistants.client.model.UnknownVariant;

/**
 * Folds the events of one streamed run into {@link RunSnapshot}s: a full object from an event
 * replaces what was known, a delta is applied to it. Not thread-safe: one per subscription.
 */
final class RunSnapshotAccumulator {

	private final Map<String, MessageObject> messages = new LinkedHashMap<>();

	private final Map<String, RunStepObject> steps = new LinkedHashMap<>();

	private @Nullable ThreadObject thread;

	private @Nullable RunObject run;

	RunSnapshot apply(AssistantStreamEvent event) {
		if (event instanceof ThreadCreated created) {
			this.thread = created.data();
		}
		else if (event instanceof RunEvent runEvent) {
			this.run = runEvent.data();
		}
		else if (event instanceof MessageEvent message) {
			this.messages.put(message.data().id(), message.data());
		}
		else if (event instanceof MessageDelta delta && delta.data().delta().content() != null) {
			this.messages.computeIfPresent(delta.data().id(), (id, message) -> message
				.withContent(merge(message.content(), delta.data().delta().content(), MessageDeltaContent::index,
						RunSnapshotAccumulator::content)));
		}
		else if (event instanceof RunStepEvent step) {
			this.steps.put(step.data().id(), step.data());
		}
		else if (event instanceof RunStepDelta delta && delta.data().delta().stepDetails() != null) {
			RunStepDeltaStepDetails details = delta.data().delta().stepDetails();
			this.steps.computeIfPresent(delta.data().id(),
					(id, step) -> step.withStepDetails(stepDetails(step.stepDetails(), details)));
		}
		return new RunSnapshot(event, this.thread, this.run, List.copyOf(this.messages.values()),
				List.copyOf(this.steps.values()));
	}

	/**
	 * Apply indexed deltas to a list: a delta at an existing index changes that element, one past
	 * the end adds an element.
	 */
	private static <E, D> List<E> merge(List<E> elements, List<D> deltas, ToIntFunction<D> index,
			BiFunction<@Nullable E, D, @Nullable E> apply) {
		List<E> merged = new ArrayList<>(elements);
		for (D delta : deltas) {
			int at = index.applyAsInt(delta);
			E existing = (at >= 0 && at < merged.size()) ? merged.get(at) : null;
			E updated = apply.apply(existing, delta);
			if (updated == null) {
				continue;
			}
			if (existing != null) {
				merged.set(at, updated);
			}
			else {
				merged.add(updated);
			}
		}
		return merged;
	}

	private static @Nullable MessageContent content(@Nullable MessageContent existing, MessageDeltaContent delta) {
		if (delta instanceof MessageDeltaContentTextObject text && text.text() != null) {
			MessageContentTextObject.Text previous = (existing instanceof MessageContentTextObject known)
					? known.text() : new MessageContentTextObject.Text("", List.of());
			List<MessageDeltaContentTextAnnotation> annotations = text.text().annotations();
			return new MessageContentTextObject(new MessageContentTextObject.Text(
					previous.value() + Objects.requireNonNullElse(text.text().value(), ""),
					(annotations != null) ? merge(previous.annotations(), annotations,
							MessageDeltaContentTextAnnotation::index, RunSnapshotAccumulator::annotation)
							: previous.annotations()));
		}
		if (delta instanceof MessageDeltaContentRefusalObject refusal) {
			String previous = (existing instanceof MessageContentRefusalObject known) ? known.refusal() : "";
			return new MessageContentRefusalObject(previous + Objects.requireNonNullElse(refusal.refusal(), ""));
		}
		if (delta instanceof MessageDeltaContentImageFileObject image && image.imageFile() != null) {
			return new MessageContentImageFileObject(image.imageFile());
		}
		if (delta instanceof MessageDeltaContentImageUrlObject image && image.imageUrl() != null) {
			return new MessageContentImageUrlObject(image.imageUrl());
		}
		return existing;
	}

	private static @Nullable MessageContentTextAnnotation annotation(@Nullable MessageContentTextAnnotation existing,
			MessageDeltaContentTextAnnotation delta) {
		if (delta instanceof MessageDeltaContentTextAnnotationsFileCitationObject citation) {
			String fileId = (citation.fileCitation() != null) ? citation.fileCitation().fileId() : null;
			return new MessageContentTextAnnotationsFileCitationObject(Objects.requireNonNullElse(citation.text(), ""),
					new MessageContentTextAnnotationsFileCitationObject.FileCitation(
							Objects.requireNonNullElse(fileId, "")),
					Objects.requireNonNullElse(citation.startIndex(), 0),
					Objects.requireNonNullElse(citation.endIndex(), 0));
		}
		if (delta instanceof MessageDeltaContentTextAnnotationsFilePathObject path) {
			return new MessageContentTextAnnotationsFilePathObject(Objects.requireNonNullElse(path.text(), ""),
					Objects.requireNonNullElse(path.filePath(),
							new MessageContentTextAnnotationsFilePathObject.FilePath("")),
					Objects.requireNonNullElse(path.startIndex(), 0), Objects.requireNonNullElse(path.endIndex(), 0));
		}
		return (delta instanceof UnknownVariant unknown) ? unknown : existing;
	}

	private static RunStepDetails stepDetails(RunStepDetails details, RunStepDeltaStepDetails delta) {
		if (delta instanceof RunStepDeltaStepDetailsToolCallsObject toolCalls && toolCalls.toolCalls() != null) {
			List<RunStepDetailsToolCall> existing = (details instanceof RunStepDetailsToolCallsObject known)
					? known.toolCalls() : List.of();
			return new RunStepDetailsToolCallsObject(merge(existing, toolCalls.toolCalls(),
					RunStepDeltaStepDetailsToolCall::index, RunSnapshotAccumulator::toolCall));
		}
		if (delta instanceof RunStepDeltaStepDetailsMessageCreationObject creation && creation.messageCreation() != null
				&& creation.messageCreation().messageId() != null) {
			return new RunStepDetailsMessageCreationObject(new RunStepDetailsMessageCreationObject.MessageCreation(
					creation.messageCreation().messageId()));
		}
		return details;
	}

	private static @Nullable RunStepDetailsToolCall toolCall(@Nullable RunStepDetailsToolCall existing,
			RunStepDeltaStepDetailsToolCall delta) {
		if (delta instanceof RunStepDeltaStepDetailsToolCallsFunctionObject function) {
			RunStepDetailsToolCallsFunctionObject previous = (existing instanceof RunStepDetailsToolCallsFunctionObject known)
					? known : new RunStepDetailsToolCallsFunctionObject("",
							new RunStepDetailsToolCallsFunctionObject.Function("", "", null));
			RunStepDeltaStepDetailsToolCallsFunctionObject.Function change = function.function();
			return new RunStepDetailsToolCallsFunctionObject(Objects.requireNonNullElse(function.id(), previous.id()),
					new RunStepDetailsToolCallsFunctionObject.Function(
							(change != null && change.name() != null) ? change.name() : previous.function().name(),
							previous.function().arguments()
									+ ((change != null && change.arguments() != null) ? change.arguments() : ""),
							(change != null && change.output() != null) ? change.output() : previous.function().output()));
		}
		if (delta instanceof RunStepDeltaStepDetailsToolCallsCodeObject code) {
			RunStepDetailsToolCallsCodeObject previous = (existing instanceof RunStepDetailsToolCallsCodeObject known)
					? known : new RunStepDetailsToolCallsCodeObject("",
							new RunStepDetailsToolCallsCodeObject.CodeInterpreter("", List.of()));
			RunStepDeltaStepDetailsToolCallsCodeObject.CodeInterpreter change = code.codeInterpreter();
			List<RunStepDetailsToolCallsCodeOutput> outputs = new ArrayList<>(previous.codeInterpreter().outputs());
			if (change != null && change.outputs() != null) {
				change.outputs().stream().map(RunSnapshotAccumulator::codeOutput).filter(Objects::nonNull).forEach(outputs::add);
			}
			return new RunStepDetailsToolCallsCodeObject(Objects.requireNonNullElse(code.id(), previous.id()),
					new RunStepDetailsToolCallsCodeObject.CodeInterpreter(previous.codeInterpreter().input()
							+ ((change != null && change.input() != null) ? change.input() : ""), outputs));
		}
		if (delta instanceof RunStepDeltaStepDetailsToolCallsFileSearchObject fileSearch) {
			return (existing != null) ? existing : new RunStepDetailsToolCallsFileSearchObject(
					Objects.requireNonNullElse(fileSearch.id(), ""),
					new RunStepDetailsToolCallsFileSearchObject.FileSearch(null, null));
		}
		return (delta instanceof UnknownVariant unknown) ? unknown : existing;
	}

	private static @Nullable RunStepDetailsToolCallsCodeOutput codeOutput(
			RunStepDeltaStepDetailsToolCallsCodeOutput output) {
		if (output instanceof RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject logs) {
			return new RunStepDetailsToolCallsCodeOutputLogsObject(Objects.requireNonNullElse(logs.logs(), ""));
		}
		if (output instanceof RunStepDeltaStepDetailsToolCallsCodeOutputImageObject image && image.image() != null) {
			return new RunStepDetailsToolCallsCodeOutputImageObject(image.image());
		}
		return (output instanceof UnknownVariant unknown) ? unknown : null;
	}

}
