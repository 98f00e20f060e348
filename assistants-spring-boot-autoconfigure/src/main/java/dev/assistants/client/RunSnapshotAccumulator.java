package dev.assistants.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.MessageDelta;
import dev.assistants.api.AssistantStreamEvent.MessageEvent;
import dev.assistants.api.AssistantStreamEvent.RunEvent;
import dev.assistants.api.AssistantStreamEvent.RunStepDelta;
import dev.assistants.api.AssistantStreamEvent.RunStepEvent;
import dev.assistants.api.AssistantStreamEvent.ThreadCreated;
import dev.assistants.api.MessageContent;
import dev.assistants.api.MessageContentImageFileObject;
import dev.assistants.api.MessageContentImageUrlObject;
import dev.assistants.api.MessageContentRefusalObject;
import dev.assistants.api.MessageContentTextAnnotation;
import dev.assistants.api.MessageContentTextAnnotationsFileCitationObject;
import dev.assistants.api.MessageContentTextAnnotationsFilePathObject;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageDeltaContent;
import dev.assistants.api.MessageDeltaContentImageFileObject;
import dev.assistants.api.MessageDeltaContentImageUrlObject;
import dev.assistants.api.MessageDeltaContentRefusalObject;
import dev.assistants.api.MessageDeltaContentTextAnnotation;
import dev.assistants.api.MessageDeltaContentTextAnnotationsFileCitationObject;
import dev.assistants.api.MessageDeltaContentTextAnnotationsFilePathObject;
import dev.assistants.api.MessageDeltaContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.MessageStatus;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepDeltaStepDetails;
import dev.assistants.api.RunStepDeltaStepDetailsMessageCreationObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCall;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsCodeOutput;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsCodeOutputLogsObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsFileSearchObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDeltaStepDetailsToolCallsObject;
import dev.assistants.api.RunStepDetails;
import dev.assistants.api.RunStepDetailsMessageCreationObject;
import dev.assistants.api.RunStepDetailsToolCall;
import dev.assistants.api.RunStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutput;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputImageObject;
import dev.assistants.api.RunStepDetailsToolCallsCodeOutputLogsObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepStatus;
import dev.assistants.api.RunStepType;
import dev.assistants.api.ThreadObject;
import dev.assistants.api.UnknownVariant;

/**
 * Folds the events of one streamed run into {@link RunSnapshot}s: a full object from an event
 * replaces what was known, a delta is applied to it. Deltas follow their {@code index}, whatever
 * order they come in (a part not seen yet is held by an empty one), and a delta that arrives
 * before the event that creates its object starts that object, which the event then completes.
 * Not thread-safe: one per subscription.
 */
final class RunSnapshotAccumulator {

	private static final MessageContentTextObject NO_TEXT = new MessageContentTextObject(
			new MessageContentTextObject.Text("", List.of()));

	private static final MessageContentTextAnnotationsFileCitationObject NO_CITATION = new MessageContentTextAnnotationsFileCitationObject(
			"", new MessageContentTextAnnotationsFileCitationObject.FileCitation(""), 0, 0);

	private static final MessageContentTextAnnotationsFilePathObject NO_PATH = new MessageContentTextAnnotationsFilePathObject(
			"", new MessageContentTextAnnotationsFilePathObject.FilePath(""), 0, 0);

	private static final RunStepDetailsToolCallsFunctionObject NO_CALL = new RunStepDetailsToolCallsFunctionObject("",
			new RunStepDetailsToolCallsFunctionObject.Function("", "", null));

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
			this.messages.merge(message.data().id(), message.data(), (known, full) -> full.content().isEmpty()
					? full.withContent(known.content()) : full);
		}
		else if (event instanceof MessageDelta delta && delta.data().delta().content() != null) {
			List<MessageDeltaContent> content = delta.data().delta().content();
			this.messages.compute(delta.data().id(), (id, message) -> {
				MessageObject known = (message != null) ? message : startedMessage(id);
				return known.withContent(merge(known.content(), content, MessageDeltaContent::index,
						RunSnapshotAccumulator::content, NO_TEXT));
			});
		}
		else if (event instanceof RunStepEvent step) {
			this.steps.merge(step.data().id(), step.data(), (known, full) -> hasNoToolCalls(full.stepDetails())
					? full.withStepDetails(known.stepDetails()) : full);
		}
		else if (event instanceof RunStepDelta delta && delta.data().delta().stepDetails() != null) {
			RunStepDeltaStepDetails details = delta.data().delta().stepDetails();
			this.steps.compute(delta.data().id(), (id, step) -> {
				RunStepObject known = (step != null) ? step : startedStep(id, details);
				return known.withStepDetails(stepDetails(known.stepDetails(), details));
			});
		}
		return new RunSnapshot(event, this.thread, this.run, List.copyOf(this.messages.values()),
				List.copyOf(this.steps.values()));
	}

	/** A message its deltas start, before the event that creates it arrives. */
	private static MessageObject startedMessage(String id) {
		return new MessageObject(id, "thread.message", 0, "", MessageStatus.IN_PROGRESS, null, null, null,
				MessageRole.ASSISTANT, List.of(), null, null, null, null);
	}

	/** A step its deltas start, before the event that creates it arrives. */
	private static RunStepObject startedStep(String id, RunStepDeltaStepDetails delta) {
		boolean toolCalls = delta instanceof RunStepDeltaStepDetailsToolCallsObject;
		RunStepDetails details = toolCalls ? new RunStepDetailsToolCallsObject(List.of())
				: new RunStepDetailsMessageCreationObject(new RunStepDetailsMessageCreationObject.MessageCreation(""));
		return new RunStepObject(id, "thread.run.step", 0, "", "", "",
				toolCalls ? RunStepType.TOOL_CALLS : RunStepType.MESSAGE_CREATION, RunStepStatus.IN_PROGRESS, details,
				null, null, null, null, null, null, null);
	}

	/** Whether a step's details are those of a step just created, whose calls the deltas bring. */
	private static boolean hasNoToolCalls(RunStepDetails details) {
		return details instanceof RunStepDetailsToolCallsObject calls && calls.toolCalls().isEmpty();
	}

	/**
	 * Apply indexed deltas to a list: the delta of an index changes the element there; an index
	 * past the end grows the list, an empty element holding each place not seen yet.
	 */
	private static <E, D> List<E> merge(List<E> elements, List<D> deltas, ToIntFunction<D> index,
			BiFunction<E, D, @Nullable E> apply, E empty) {
		List<E> merged = new ArrayList<>(elements);
		for (D delta : deltas) {
			int at = index.applyAsInt(delta);
			if (at < 0) {
				continue;
			}
			while (merged.size() <= at) {
				merged.add(empty);
			}
			E updated = apply.apply(merged.get(at), delta);
			if (updated != null) {
				merged.set(at, updated);
			}
		}
		return merged;
	}

	private static @Nullable MessageContent content(MessageContent existing, MessageDeltaContent delta) {
		if (delta instanceof MessageDeltaContentTextObject text && text.text() != null) {
			MessageContentTextObject.Text previous = (existing instanceof MessageContentTextObject known)
					? known.text() : new MessageContentTextObject.Text("", List.of());
			List<MessageDeltaContentTextAnnotation> annotations = text.text().annotations();
			return new MessageContentTextObject(new MessageContentTextObject.Text(
					previous.value() + Objects.requireNonNullElse(text.text().value(), ""),
					(annotations != null) ? merge(previous.annotations(), annotations,
							MessageDeltaContentTextAnnotation::index, RunSnapshotAccumulator::annotation, NO_CITATION)
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

	/** An annotation's delta changes the fields it carries and keeps the others. */
	private static @Nullable MessageContentTextAnnotation annotation(MessageContentTextAnnotation existing,
			MessageDeltaContentTextAnnotation delta) {
		if (delta instanceof MessageDeltaContentTextAnnotationsFileCitationObject citation) {
			MessageContentTextAnnotationsFileCitationObject previous = (existing instanceof MessageContentTextAnnotationsFileCitationObject known)
					? known : NO_CITATION;
			String fileId = (citation.fileCitation() != null) ? citation.fileCitation().fileId() : null;
			return new MessageContentTextAnnotationsFileCitationObject(
					Objects.requireNonNullElse(citation.text(), previous.text()),
					new MessageContentTextAnnotationsFileCitationObject.FileCitation(
							Objects.requireNonNullElse(fileId, previous.fileCitation().fileId())),
					Objects.requireNonNullElse(citation.startIndex(), previous.startIndex()),
					Objects.requireNonNullElse(citation.endIndex(), previous.endIndex()));
		}
		if (delta instanceof MessageDeltaContentTextAnnotationsFilePathObject path) {
			MessageContentTextAnnotationsFilePathObject previous = (existing instanceof MessageContentTextAnnotationsFilePathObject known)
					? known : NO_PATH;
			return new MessageContentTextAnnotationsFilePathObject(Objects.requireNonNullElse(path.text(), previous.text()),
					Objects.requireNonNullElse(path.filePath(), previous.filePath()),
					Objects.requireNonNullElse(path.startIndex(), previous.startIndex()),
					Objects.requireNonNullElse(path.endIndex(), previous.endIndex()));
		}
		return (delta instanceof UnknownVariant unknown) ? unknown : existing;
	}

	private static RunStepDetails stepDetails(RunStepDetails details, RunStepDeltaStepDetails delta) {
		if (delta instanceof RunStepDeltaStepDetailsToolCallsObject toolCalls && toolCalls.toolCalls() != null) {
			List<RunStepDetailsToolCall> existing = (details instanceof RunStepDetailsToolCallsObject known)
					? known.toolCalls() : List.of();
			return new RunStepDetailsToolCallsObject(merge(existing, toolCalls.toolCalls(),
					RunStepDeltaStepDetailsToolCall::index, RunSnapshotAccumulator::toolCall, NO_CALL));
		}
		if (delta instanceof RunStepDeltaStepDetailsMessageCreationObject creation && creation.messageCreation() != null
				&& creation.messageCreation().messageId() != null) {
			return new RunStepDetailsMessageCreationObject(new RunStepDetailsMessageCreationObject.MessageCreation(
					creation.messageCreation().messageId()));
		}
		return details;
	}

	private static @Nullable RunStepDetailsToolCall toolCall(RunStepDetailsToolCall existing,
			RunStepDeltaStepDetailsToolCall delta) {
		if (delta instanceof RunStepDeltaStepDetailsToolCallsFunctionObject function) {
			RunStepDetailsToolCallsFunctionObject previous = (existing instanceof RunStepDetailsToolCallsFunctionObject known)
					? known : NO_CALL;
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
			return (existing instanceof RunStepDetailsToolCallsFileSearchObject) ? existing
					: new RunStepDetailsToolCallsFileSearchObject(Objects.requireNonNullElse(fileSearch.id(), ""),
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
