package dev.assistants.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantToolsFileSearch;
import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateToolResources;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.MessageObject;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.RunStepInclude;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.VectorStoreFileBatchObject;
import dev.assistants.api.VectorStoreFileObject;
import dev.assistants.api.VectorStoreFileStatus;
import dev.assistants.api.VectorStoreObject;
import dev.assistants.api.VectorStoreSearchResultsPage;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.FileListQuery;
import dev.assistants.client.ListQuery;
import dev.assistants.client.MessageListQuery;
import dev.assistants.client.NotFoundException;
import dev.assistants.client.VectorStoreFileListQuery;

import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Our starter's Files and Vector stores operations against the server, end to end, as a Spring
 * application migrating a file_search assistant uses them: upload, upload in parts, download,
 * vector stores filled one file and one batch at a time and awaited, search, a run that cites the
 * file, and another project that sees none of it.
 */
class StarterFilesAndVectorStoresTests {

	private static final String KEY = "sk-starter-files-key";

	private static final String OTHER_KEY = "sk-starter-files-other";

	private static RunningServer server;

	private static AssistantsTemplate client;

	@BeforeAll
	static void start() {
		server = RunningServer.inMemory("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=starter-files", "assistants.server.api-keys[1].key=" + OTHER_KEY,
				"assistants.server.api-keys[1].project=starter-files-other");
		client = AssistantsTemplate.builder().baseUrl(server.baseUrl()).apiKey(KEY).build();
	}

	@AfterAll
	static void stop() {
		client.close();
		server.close();
	}

	@Test
	void uploadsAndDownloadsFilesWholeAndInParts(@TempDir Path directory) throws Exception {
		byte[] content = new byte[300_000];
		new Random(11).nextBytes(content);
		Path data = Files.write(directory.resolve("data.bin"), content);

		OpenAIFile whole = client.files().createFile(data, FilePurpose.ASSISTANTS).block();
		assertThat(whole.bytes()).isEqualTo(content.length);
		assertThat(whole.filename()).isEqualTo("data.bin");
		OpenAIFile parts = client.files().uploadFile(data, FilePurpose.ASSISTANTS, "application/octet-stream", 100_000)
			.block();
		assertThat(parts.bytes()).isEqualTo(content.length);

		for (OpenAIFile file : List.of(whole, parts)) {
			Path copy = directory.resolve(file.id());
			client.files().downloadFile(file.id(), copy).block();
			assertThat(Files.readAllBytes(copy)).isEqualTo(content);
		}
		assertThat(client.files().listAllFiles(FileListQuery.purpose(FilePurpose.ASSISTANTS).withLimit(1))
			.map(OpenAIFile::id)
			.collectList()
			.block()).contains(whole.id(), parts.id());
		assertThat(client.files().deleteFile(parts.id()).block().deleted()).isTrue();
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> client.files().retrieveFile(parts.id()).block());
	}

	@Test
	void fillsSearchesAndCitesAVectorStore(@TempDir Path directory) throws Exception {
		Path handbook = Files.writeString(directory.resolve("handbook.md"),
				"# Vacation\n\nEmployees get 25 vacation days a year, and carry up to 5 days over.");
		Path expenses = Files.writeString(directory.resolve("expenses.txt"),
				"Travel expenses are reimbursed within 14 days when the receipts are submitted.");
		Path security = Files.writeString(directory.resolve("security.txt"),
				"Laptops must be locked with a password when left alone.");
		VectorStoreObject store = client.vectorStores().createVectorStore(CreateVectorStoreRequest.named("Policies"))
			.block();

		VectorStoreFileObject one = client.vectorStores().uploadAndPoll(store.id(), handbook).block();
		assertThat(one.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
		VectorStoreFileBatchObject batch = client.vectorStores().uploadAndPollBatch(store.id(), List.of(expenses, security))
			.block();
		assertThat(batch.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
		assertThat(batch.fileCounts().completed()).isEqualTo(2);
		assertThat(client.vectorStores().listAllVectorStoreFiles(store.id(),
				VectorStoreFileListQuery.withStatus(VectorStoreFileStatus.COMPLETED).withPage(ListQuery.limit(1)))
			.collectList()
			.block()).hasSize(3);
		assertThat(client.vectorStores().retrieveVectorStoreFileContent(store.id(), one.id()).block().data())
			.singleElement()
			.satisfies((chunk) -> assertThat(chunk.text()).contains("25 vacation days"));

		VectorStoreSearchResultsPage found = client.vectorStores()
			.searchVectorStore(store.id(), "How many vacation days do I get?")
			.block();
		assertThat(found.searchQuery()).containsExactly("How many vacation days do I get?");
		assertThat(found.data().get(0).filename()).isEqualTo("handbook.md");
		assertThat(found.data().get(0).score()).isBetween(0.0, 1.0);

		AssistantObject assistant = client.createAssistant(CreateAssistantRequest.builder("gpt-4o")
			.tools(List.of(new AssistantToolsFileSearch(null)))
			.toolResources(new CreateToolResources(null, new CreateToolResources.FileSearch(List.of(store.id()), null)))
			.build()).block();
		String threadId = client.createThread().block().id();
		client.createMessage(threadId,
				CreateMessageRequest.user("Please search the file: how many vacation days do employees get?")).block();
		RunObject run = client.createRunAndPoll(threadId, CreateRunRequest.builder(assistant.id()).build()).block();
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);

		MessageObject answer = client.listMessages(threadId, MessageListQuery.forRun(run.id())).block().data().get(0);
		assertThat(answer.fileCitations()).singleElement()
			.extracting((citation) -> citation.fileCitation().fileId())
			.isEqualTo(one.id());
		List<RunStepObject> steps = client
			.listRunSteps(threadId, run.id(), ListQuery.DEFAULT, List.of(RunStepInclude.FILE_SEARCH_RESULT_CONTENT))
			.block()
			.data();
		assertThat(steps.stream().flatMap((step) -> step.fileSearchResults().stream()).toList()).first()
			.satisfies((result) -> {
				assertThat(result.fileId()).isEqualTo(one.id());
				assertThat(result.content()).singleElement()
					.satisfies((content) -> assertThat(content.text()).contains("25 vacation days"));
			});

		try (AssistantsTemplate other = AssistantsTemplate.builder().baseUrl(server.baseUrl()).apiKey(OTHER_KEY).build()) {
			assertThatExceptionOfType(NotFoundException.class)
				.isThrownBy(() -> other.vectorStores().getVectorStore(store.id()).block());
			assertThatExceptionOfType(NotFoundException.class)
				.isThrownBy(() -> DataBufferUtils.join(other.files().downloadFile(one.id())).block());
			assertThat(other.vectorStores().listVectorStores(ListQuery.DEFAULT).block().data()).isEmpty();
		}
		assertThat(client.vectorStores().deleteVectorStore(store.id()).block().deleted()).isTrue();
	}

}
