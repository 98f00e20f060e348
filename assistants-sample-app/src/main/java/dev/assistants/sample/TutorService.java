package dev.assistants.sample;

import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.MessageListQuery;

import org.springframework.stereotype.Service;

/**
 * Asks an assistant a question: creates the assistant, a thread, a message and a run, polls the run
 * until it finishes and reads its answer. This is the usage example of the README.
 */
@Service
public class TutorService {

	private final AssistantsOperations assistants;

	public TutorService(AssistantsOperations assistants) {
		this.assistants = assistants;
	}

	public Mono<String> ask(String question) {
		return this.assistants
			.createAssistant(CreateAssistantRequest.builder("gpt-4o")
				.name("Math Tutor")
				.instructions("You are a personal math tutor. Answer briefly.")
				.build())
			.flatMap((assistant) -> this.assistants.createThread()
				.flatMap((thread) -> this.assistants.createMessage(thread.id(), CreateMessageRequest.user(question))
					.then(this.assistants.createRunAndPoll(thread.id(), CreateRunRequest.builder(assistant.id()).build()))
					.flatMap((run) -> this.assistants.listMessages(thread.id(), MessageListQuery.forRun(run.id())))))
			.map((messages) -> messages.data()
				.stream()
				.flatMap((message) -> message.content().stream())
				.filter(MessageContentTextObject.class::isInstance)
				.map((content) -> ((MessageContentTextObject) content).text().value())
				.collect(Collectors.joining("\n")));
	}

}
