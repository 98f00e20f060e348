package dev.assistants.model.springai;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.StringUtils;

import dev.assistants.api.LastErrorCode;
import dev.assistants.api.MessageContent;
import dev.assistants.api.MessageContentImageFileObject;
import dev.assistants.api.MessageContentImageUrlObject;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepDetailsMessageCreationObject;
import dev.assistants.api.RunStepDetailsToolCall;
import dev.assistants.api.RunStepDetailsToolCallsCodeObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchObject;
import dev.assistants.api.RunStepDetailsToolCallsFileSearchResultObject;
import dev.assistants.api.RunStepDetailsToolCallsFunctionObject;
import dev.assistants.api.RunStepDetailsToolCallsObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepStatus;
import dev.assistants.api.TruncationObject;
import dev.assistants.api.TruncationType;
import dev.assistants.engine.model.CodeInterpreterCalls;
import dev.assistants.engine.model.FileSearchCalls;
import dev.assistants.engine.model.ImageFile;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelRequest;

/**
 * The conversation a turn sends to the model: the run's instructions as the system message, the
 * thread's messages in order (truncated as the run asks), then what the run itself did so far, its
 * messages and its tool calls with their outputs (functions, file searches, code).
 * <p>
 * {@code truncation_strategy: last_messages} keeps that many of the thread's latest messages;
 * {@code max_prompt_tokens} drops the oldest of them until the prompt fits, estimating a token per
 * four characters (the latest message is always kept).
 */
final class PromptBuilder {

	private static final int CHARACTERS_PER_TOKEN = 4;

	private static final int TOKENS_PER_MESSAGE = 4;

	private PromptBuilder() {
	}

	static List<Message> messages(ModelRequest request) {
		RunObject run = request.run();
		Set<String> writtenByRun = new LinkedHashSet<>();
		List<Message> ofRun = ofRun(request, writtenByRun);
		List<Message> thread = new ArrayList<>();
		for (MessageObject message : request.messages()) {
			if (!writtenByRun.contains(message.id())) {
				thread.add(message(message, request.imageFiles()));
			}
		}
		thread = truncated(thread, run.truncationStrategy());
		List<Message> messages = new ArrayList<>();
		if (StringUtils.hasText(run.instructions())) {
			messages.add(new SystemMessage(run.instructions()));
		}
		int fixed = tokens(messages) + tokens(ofRun);
		if (run.maxPromptTokens() != null) {
			while (thread.size() > 1 && fixed + tokens(thread) > run.maxPromptTokens()) {
				thread.remove(0);
			}
		}
		messages.addAll(thread);
		messages.addAll(ofRun);
		return messages;
	}

	/** The run's own messages and function calls, in the order of its steps. */
	private static List<Message> ofRun(ModelRequest request, Set<String> messageIds) {
		Map<String, MessageObject> byId = request.messages()
			.stream()
			.collect(Collectors.toMap(MessageObject::id, Function.identity(), (first, second) -> first));
		List<Message> messages = new ArrayList<>();
		int searched = 0;
		for (RunStepObject step : request.steps()) {
			if (!RunStepStatus.COMPLETED.equals(step.status())) {
				continue;
			}
			if (step.stepDetails() instanceof RunStepDetailsMessageCreationObject creation) {
				MessageObject message = byId.get(creation.messageCreation().messageId());
				if (message != null) {
					messageIds.add(message.id());
					messages.add(new AssistantMessage(text(message)));
				}
			}
			else if (step.stepDetails() instanceof RunStepDetailsToolCallsObject toolCalls) {
				List<AssistantMessage.ToolCall> calls = new ArrayList<>();
				List<ToolResponseMessage.ToolResponse> responses = new ArrayList<>();
				for (RunStepDetailsToolCall toolCall : toolCalls.toolCalls()) {
					if (toolCall instanceof RunStepDetailsToolCallsFunctionObject call) {
						calls.add(new AssistantMessage.ToolCall(call.id(), "function", call.function().name(),
								call.function().arguments()));
						responses.add(new ToolResponseMessage.ToolResponse(call.id(), call.function().name(),
								(call.function().output() != null) ? call.function().output() : ""));
					}
					else if (toolCall instanceof RunStepDetailsToolCallsFileSearchObject search) {
						// the results, numbered through the run as the citation markers are
						List<RunStepDetailsToolCallsFileSearchResultObject> results = (search.fileSearch().results() != null)
								? search.fileSearch().results() : List.of();
						calls.add(new AssistantMessage.ToolCall(search.id(), "function", FileSearchCalls.TOOL_NAME, "{}"));
						responses.add(new ToolResponseMessage.ToolResponse(search.id(), FileSearchCalls.TOOL_NAME,
								FileSearchCalls.output(results, searched)));
						searched += results.size();
					}
					else if (toolCall instanceof RunStepDetailsToolCallsCodeObject code) {
						calls.add(new AssistantMessage.ToolCall(code.id(), "function", CodeInterpreterCalls.TOOL_NAME,
								ChatOptionsFactory.json(Map.of(CodeInterpreterCalls.CODE, code.codeInterpreter().input()))));
						responses.add(new ToolResponseMessage.ToolResponse(code.id(), CodeInterpreterCalls.TOOL_NAME,
								CodeInterpreterCalls.output(code, request.codeOutputFiles())));
					}
				}
				if (!calls.isEmpty()) {
					messages.add(AssistantMessage.builder().content("").toolCalls(calls).build());
					messages.add(ToolResponseMessage.builder().responses(responses).build());
				}
			}
		}
		return messages;
	}

	private static Message message(MessageObject message, Map<String, ImageFile> imageFiles) {
		if (!MessageRole.USER.equals(message.role())) {
			return new AssistantMessage(text(message));
		}
		List<Media> media = new ArrayList<>();
		for (MessageContent part : message.content()) {
			if (part instanceof MessageContentImageUrlObject image) {
				media.add(Media.builder().mimeType(imageType(image.imageUrl().url())).data(URI.create(image.imageUrl().url()))
					.build());
			}
			else if (part instanceof MessageContentImageFileObject image) {
				ImageFile file = imageFiles.get(image.imageFile().fileId());
				if (file == null) {
					throw new ModelException(LastErrorCode.INVALID_PROMPT, "Message " + message.id()
							+ " holds the image file " + image.imageFile().fileId() + ", which the turn was not given.");
				}
				media.add(Media.builder().mimeType(MimeTypeUtils.parseMimeType(file.contentType())).data(file.content())
					.build());
			}
		}
		return UserMessage.builder().text(text(message)).media(media).build();
	}

	private static String text(MessageObject message) {
		return message.content()
			.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.map((part) -> ((MessageContentTextObject) part).text().value())
			.collect(Collectors.joining("\n\n"));
	}

	/** The type of an image: a data URL's own, else the one its file name says, else PNG. */
	private static MimeType imageType(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		int end = lower.indexOf(';');
		if (lower.startsWith("data:image/") && end > 0) {
			return MimeTypeUtils.parseMimeType(lower.substring("data:".length(), end));
		}
		if (lower.matches(".*\\.jpe?g([?#].*)?")) {
			return MimeTypeUtils.IMAGE_JPEG;
		}
		if (lower.matches(".*\\.gif([?#].*)?")) {
			return MimeTypeUtils.IMAGE_GIF;
		}
		return lower.matches(".*\\.webp([?#].*)?") ? new MimeType("image", "webp") : MimeTypeUtils.IMAGE_PNG;
	}

	private static List<Message> truncated(List<Message> thread, TruncationObject truncation) {
		if (truncation != null && TruncationType.LAST_MESSAGES.equals(truncation.type())
				&& truncation.lastMessages() != null && thread.size() > truncation.lastMessages()) {
			return new ArrayList<>(thread.subList(thread.size() - truncation.lastMessages(), thread.size()));
		}
		return thread;
	}

	/** The estimated tokens of messages: one per four characters, and a few per message. */
	static int tokens(List<Message> messages) {
		int tokens = 0;
		for (Message message : messages) {
			String text = (message.getText() != null) ? message.getText() : "";
			int characters = text.length();
			if (message instanceof AssistantMessage assistant) {
				for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
					characters += call.name().length() + call.arguments().length();
				}
			}
			else if (message instanceof ToolResponseMessage responses) {
				for (ToolResponseMessage.ToolResponse response : responses.getResponses()) {
					characters += response.responseData().length();
				}
			}
			tokens += TOKENS_PER_MESSAGE + (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
		}
		return tokens;
	}

}
