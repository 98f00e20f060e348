package dev.assistants.sample;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantToolsFileSearch;
import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.CreateToolResources;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.VectorStoreFileStatus;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.FileOperations;
import dev.assistants.client.MessageListQuery;
import dev.assistants.client.VectorStoreOperations;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Answers questions from the shop's documents with {@code file_search}: on first use it uploads the
 * returns policy the app ships with into a vector store, waits until it is searchable, and creates
 * an assistant that searches it; each question then runs on a new thread, and the answer comes back
 * with the files it cites. This is the documents example of the README.
 */
@Service
public class DocumentsService {

	private static final Resource POLICY = new ClassPathResource("documents/returns-policy.md");

	private final AssistantsOperations assistants;

	private final FileOperations files;

	private final Mono<String> assistantId;

	public DocumentsService(AssistantsOperations assistants, FileOperations files, VectorStoreOperations vectorStores) {
		this.assistants = assistants;
		this.files = files;
		this.assistantId = files.createFile(POLICY, FilePurpose.ASSISTANTS)
			.flatMap((file) -> vectorStores.createVectorStore(CreateVectorStoreRequest.named("Shop documents"))
				.flatMap((store) -> vectorStores
					.createVectorStoreFileAndPoll(store.id(), CreateVectorStoreFileRequest.of(file.id()))
					.filter((added) -> VectorStoreFileStatus.COMPLETED.equals(added.status()))
					.switchIfEmpty(Mono.error(() -> new IllegalStateException(
							"the returns policy could not be added to the vector store")))
					.thenReturn(store.id())))
			.flatMap((vectorStoreId) -> assistants.createAssistant(CreateAssistantRequest.builder("gpt-4o")
				.name("Policy Assistant")
				.instructions("Answer from the shop's documents and cite them.")
				.tools(List.of(new AssistantToolsFileSearch(null)))
				.toolResources(new CreateToolResources(null, new CreateToolResources.FileSearch(List.of(vectorStoreId), null)))
				.build()))
			.map(AssistantObject::id)
			.cache();
	}

	/**
	 * Ask a question about the shop's documents.
	 * @param question the question
	 * @return the answer and the documents it cites
	 */
	public Mono<Answer> ask(String question) {
		return this.assistantId
			.flatMap((assistantId) -> this.assistants.createThreadAndRunAndPoll(CreateThreadAndRunRequest
				.builder(assistantId)
				.thread(CreateThreadRequest.builder().messages(List.of(CreateMessageRequest.user(question))).build())
				.build()))
			.flatMap((run) -> this.assistants.listMessages(run.threadId(), MessageListQuery.forRun(run.id())))
			.flatMap((messages) -> answer(messages.data().get(0)));
	}

	private Mono<Answer> answer(MessageObject message) {
		String text = message.content()
			.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.map((content) -> ((MessageContentTextObject) content).text().value())
			.findFirst()
			.orElse("");
		return Flux.fromIterable(message.fileCitations())
			.concatMap((citation) -> this.files.retrieveFile(citation.fileCitation().fileId())
				.map((file) -> new Citation(citation.text(), file.id(), file.filename())))
			.collectList()
			.map((citations) -> new Answer(text, citations));
	}

	/**
	 * An answer from the documents.
	 *
	 * @param text the answer, with a marker where it cites a document
	 * @param citations the documents it cites
	 */
	public record Answer(String text, List<Citation> citations) {
	}

	/**
	 * A document an answer cites.
	 *
	 * @param marker the text of the answer that cites it
	 * @param fileId the ID of the document's file
	 * @param filename the document's name
	 */
	public record Citation(String marker, String fileId, String filename) {
	}

}
