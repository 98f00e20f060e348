package dev.assistants.sample;

import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * A shop assistant built on the Assistants starter. It talks to the embedded emulator unless
 * {@code OPENAI_BASE_URL} names a server, holds one conversation at startup to show a function call
 * and asks its documents a question to show file search and its citation, and then serves
 * {@code /chat}, {@code /chat/stream}, {@code /documents/ask} and the actuator endpoints.
 */
@SpringBootApplication
public class SampleApplication {

	private static final Log logger = LogFactory.getLog(SampleApplication.class);

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.demo-on-startup", matchIfMissing = true)
	ApplicationRunner demoConversation(ChatService chat, DocumentsService documents) {
		return (args) -> {
			String question = "What is the status of order 42?";
			logger.info("You: " + question);
			chat.chat(null, question)
				.doOnNext((reply) -> logger.info("Assistant: " + reply.reply() + " (conversation "
						+ reply.conversationId() + ")"))
				.block();
			String aboutReturns = "Please search the file: how many days do I have to return an item?";
			logger.info("You: " + aboutReturns);
			documents.ask(aboutReturns)
				.doOnNext((answer) -> logger.info("Policy assistant: " + answer.text() + " (cites "
						+ answer.citations()
							.stream()
							.map((citation) -> citation.filename() + ", " + citation.fileId())
							.collect(Collectors.joining("; ")) + ")"))
				.block();
		};
	}

}
