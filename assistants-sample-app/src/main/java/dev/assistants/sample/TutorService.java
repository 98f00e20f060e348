package dev.assistants.sample;

import java.time.Duration;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.MessageListQuery;
import dev.assistants.client.model.CreateAssistantRequest;
import dev.assistants.client.model.CreateMessageRequest;
import dev.assistants.client.model.CreateRunRequest;
import dev.assistants.client.model.MessageContentTextObject;
import dev.assistants.client.model.RunObject;
import dev.assistants.client.model.RunStatus;

import org.springframework.stereotype.Service;

/**
 * Asks an assistant a question: creates the assistant, a thread, a message and a run, waits for the
 * run to finish and reads its answer. This is the usage example of the README.
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
					.then(this.assistants.createRun(thread.id(), CreateRunRequest.builder(assistant.id()).build()))
					.flatMap((run) -> waitUntilFinished(thread.id(), run.id()))
					.flatMap((run) -> this.assistants.listMessages(thread.id(), MessageListQuery.forRun(run.id())))))
			.map((messages) -> messages.data()
				.stream()
				.flatMap((message) -> message.content().stream())
				.filter(MessageContentTextObject.class::isInstance)
				.map((content) -> ((MessageContentTextObject) content).text().value())
				.collect(Collectors.joining("\n")));
	}

	private Mono<RunObject> waitUntilFinished(String threadId, String runId) {
		return this.assistants.getRun(threadId, runId)
			.filter((run) -> !run.status().equals(RunStatus.QUEUED) && !run.status().equals(RunStatus.IN_PROGRESS))
			.repeatWhenEmpty((polls) -> polls.delayElements(Duration.ofMillis(500)))
			.timeout(Duration.ofMinutes(2));
	}

}
