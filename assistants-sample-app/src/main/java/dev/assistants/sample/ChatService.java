package dev.assistants.sample;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.MessageListQuery;
import dev.assistants.client.RunSnapshot;
import dev.assistants.client.RunStreams;
import dev.assistants.tools.AssistantToolCalls;

import org.springframework.stereotype.Service;

/**
 * Conversations with the shop assistant: one thread per conversation, each turn a run whose
 * function calls are answered by the application's functions.
 */
@Service
public class ChatService {

	private final AssistantsOperations assistants;

	private final AssistantToolCalls toolCalls;

	private final ShopAssistantConfiguration.ShopAssistant shopAssistant;

	ChatService(AssistantsOperations assistants, AssistantToolCalls toolCalls,
			ShopAssistantConfiguration.ShopAssistant shopAssistant) {
		this.assistants = assistants;
		this.toolCalls = toolCalls;
		this.shopAssistant = shopAssistant;
	}

	/**
	 * One turn of a conversation: the user's message, and the assistant's answer once the run ends.
	 * @param conversationId the conversation (thread) to continue, or {@code null} to start one
	 * @param message the user's message
	 * @return the conversation and the answer
	 */
	public Mono<ChatReply> chat(String conversationId, String message) {
		return thread(conversationId).flatMap((threadId) -> this.assistants
			.createMessage(threadId, CreateMessageRequest.user(message))
			.then(this.shopAssistant.id())
			.flatMap((assistantId) -> this.toolCalls.createRunAndHandleToolCalls(threadId,
					CreateRunRequest.builder(assistantId).build()))
			.flatMap((run) -> this.assistants.listMessages(threadId, MessageListQuery.forRun(run.id())))
			.map((messages) -> new ChatReply(threadId,
					messages.data().isEmpty() ? "" : RunSnapshot.text(messages.data().get(0)))));
	}

	/**
	 * One turn of a conversation, the answer's text streamed as the assistant writes it.
	 * @param conversationId the conversation (thread) to continue, or {@code null} to start one
	 * @param message the user's message
	 * @return the pieces of the answer, in order
	 */
	public Flux<String> chatStream(String conversationId, String message) {
		return thread(conversationId).flatMapMany((threadId) -> this.assistants
			.createMessage(threadId, CreateMessageRequest.user(message))
			.then(this.shopAssistant.id())
			.flatMapMany((assistantId) -> RunStreams.text(this.toolCalls
				.createRunStreamAndHandleToolCalls(threadId, CreateRunRequest.builder(assistantId).build()))))
			.scan(new String[] { "", "" }, (previous, textSoFar) -> new String[] { textSoFar,
					textSoFar.startsWith(previous[0]) ? textSoFar.substring(previous[0].length()) : textSoFar })
			.skip(1)
			.map((pair) -> pair[1]);
	}

	private Mono<String> thread(String conversationId) {
		return (conversationId != null && !conversationId.isBlank()) ? Mono.just(conversationId)
				: this.assistants.createThread().map((thread) -> thread.id());
	}

	/**
	 * An answer in a conversation.
	 *
	 * @param conversationId the conversation, to continue it
	 * @param reply the assistant's answer
	 */
	public record ChatReply(String conversationId, String reply) {
	}

}
