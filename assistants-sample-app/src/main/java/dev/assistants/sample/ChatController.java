package dev.assistants.sample;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * Chat with the shop assistant over HTTP: {@code POST /chat} answers once the run ends,
 * {@code GET /chat/stream} relays the answer as it is written.
 */
@RestController
class ChatController {

	private final ChatService chat;

	ChatController(ChatService chat) {
		this.chat = chat;
	}

	@PostMapping("/chat")
	Mono<ChatService.ChatReply> chat(@RequestBody ChatRequest request) {
		return this.chat.chat(request.conversationId(), required(request.message()));
	}

	@GetMapping(path = "/chat/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<String> chatStream(@RequestParam(required = false) @Nullable String message,
			@RequestParam(required = false) @Nullable String conversationId) {
		return this.chat.chatStream(conversationId, required(message));
	}

	private static String required(@Nullable String message) {
		if (!StringUtils.hasText(message)) {
			throw new ServerWebInputException("message must not be blank");
		}
		return message;
	}

	/**
	 * A message in a conversation.
	 *
	 * @param conversationId the conversation to continue, or {@code null} to start one
	 * @param message the user's message
	 */
	record ChatRequest(@Nullable String conversationId, @Nullable String message) {
	}

}
