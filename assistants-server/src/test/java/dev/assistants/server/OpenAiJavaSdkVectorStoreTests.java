package dev.assistants.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.models.ComparisonFilter;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.FileSearchTool;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import com.openai.models.beta.threads.messages.FileCitationAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.steps.FileSearchToolCall;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.RunStepInclude;
import com.openai.models.beta.threads.runs.steps.StepListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.vectorstores.VectorStore;
import com.openai.models.vectorstores.VectorStoreCreateParams;
import com.openai.models.vectorstores.VectorStoreSearchParams;
import com.openai.models.vectorstores.VectorStoreSearchResponse;
import com.openai.models.vectorstores.filebatches.FileBatchCreateParams;
import com.openai.models.vectorstores.filebatches.FileBatchListFilesParams;
import com.openai.models.vectorstores.filebatches.FileBatchRetrieveParams;
import com.openai.models.vectorstores.filebatches.VectorStoreFileBatch;
import com.openai.models.vectorstores.files.FileContentParams;
import com.openai.models.vectorstores.files.FileRetrieveParams;
import com.openai.models.vectorstores.files.FileUpdateParams;
import com.openai.models.vectorstores.files.VectorStoreFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.assistants.store.postgresql.PgvectorDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official openai-java SDK's vector stores against the server on PostgreSQL with pgvector,
 * with the local embedding model and the deterministic model, as the server runs by default: files uploaded and added as a batch, searched, and
 * cited by a streamed file_search run; another project sees none of it.
 */
class OpenAiJavaSdkVectorStoreTests {

	private static final String KEY = "sk-sdk-vector-key";

	private static final String OTHER_KEY = "sk-sdk-vector-other";

	private static RunningServer server;

	private static OpenAIClient client;

	@BeforeAll
	static void start() {
		server = RunningServer.onDatabase(PgvectorDatabase.properties(), "assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=sdk-vectors", "assistants.server.api-keys[1].key=" + OTHER_KEY,
				"assistants.server.api-keys[1].project=sdk-vectors-other");
		client = OpenAiSdk.client(server, KEY);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void uploadsSearchesAndCitesFiles(@TempDir Path directory) throws IOException {
		FileObject handbook = upload(directory, "handbook.md",
				"# Vacation\n\nEmployees get 25 vacation days a year, and carry up to 5 days over.");
		FileObject expenses = upload(directory, "expenses.txt",
				"Travel expenses are reimbursed within 14 days when the receipts are submitted.");
		VectorStore store = client.vectorStores().create(VectorStoreCreateParams.builder().name("Policies").build());
		assertThat(store.id()).startsWith("vs_");
		assertThat(store.status()).isEqualTo(VectorStore.Status.COMPLETED);

		VectorStoreFileBatch batch = client.vectorStores()
			.fileBatches()
			.create(store.id(), FileBatchCreateParams.builder()
				.addFileId(handbook.id())
				.addFileId(expenses.id())
				.attributes(FileBatchCreateParams.Attributes.builder()
					.putAdditionalProperty("department", JsonValue.from("hr"))
					.build())
				.build());
		VectorStoreFileBatch done = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> client.vectorStores()
			.fileBatches()
			.retrieve(batch.id(), FileBatchRetrieveParams.builder().vectorStoreId(store.id()).build()),
				(candidate) -> VectorStoreFileBatch.Status.COMPLETED.equals(candidate.status()));
		assertThat(done.fileCounts().completed()).isEqualTo(2);
		assertThat(client.vectorStores()
			.fileBatches()
			.listFiles(batch.id(), FileBatchListFilesParams.builder().vectorStoreId(store.id()).build())
			.data()).extracting(VectorStoreFile::id).containsExactlyInAnyOrder(handbook.id(), expenses.id());
		VectorStore ready = client.vectorStores().retrieve(store.id());
		assertThat(ready.fileCounts().total()).isEqualTo(2);
		assertThat(ready.usageBytes()).isPositive();

		VectorStoreFile file = client.vectorStores()
			.files()
			.update(expenses.id(), FileUpdateParams.builder()
				.vectorStoreId(store.id())
				.attributes(FileUpdateParams.Attributes.builder()
					.putAdditionalProperty("department", JsonValue.from("finance"))
					.build())
				.build());
		assertThat(file.status()).isEqualTo(VectorStoreFile.Status.COMPLETED);
		assertThat(client.vectorStores()
			.files()
			.retrieve(expenses.id(), FileRetrieveParams.builder().vectorStoreId(store.id()).build())
			.attributes()).isPresent();
		assertThat(client.vectorStores()
			.files()
			.content(handbook.id(), FileContentParams.builder().vectorStoreId(store.id()).build())
			.items()).hasSize(1);

		List<VectorStoreSearchResponse> results = client.vectorStores()
			.search(store.id(), VectorStoreSearchParams.builder().query("How many days of vacation do I get?").build())
			.data();
		assertThat(results).isNotEmpty();
		assertThat(results.get(0).fileId()).isEqualTo(handbook.id());
		assertThat(results.get(0).filename()).isEqualTo("handbook.md");
		assertThat(results.get(0).score()).isBetween(0.0, 1.0);
		// semantic: no word of the query is in the file ("reimbursed" is, "paid back" is not)
		List<VectorStoreSearchResponse> meaning = client.vectorStores()
			.search(store.id(), VectorStoreSearchParams.builder().query("When am I paid back for a business trip?").build())
			.data();
		assertThat(meaning).extracting(VectorStoreSearchResponse::fileId).first().isEqualTo(expenses.id());
		List<VectorStoreSearchResponse> filtered = client.vectorStores()
			.search(store.id(), VectorStoreSearchParams.builder()
				.query("days")
				.filters(ComparisonFilter.builder()
					.key("department")
					.type(ComparisonFilter.Type.EQ)
					.value("finance")
					.build())
				.build())
			.data();
		assertThat(filtered).extracting(VectorStoreSearchResponse::fileId).containsOnly(expenses.id());

		Assistant assistant = client.beta()
			.assistants()
			.create(AssistantCreateParams.builder()
				.model("gpt-4o")
				.addTool(FileSearchTool.builder().build())
				.toolResources(AssistantCreateParams.ToolResources.builder()
					.fileSearch(AssistantCreateParams.ToolResources.FileSearch.builder().addVectorStoreId(store.id()).build())
					.build())
				.build());
		List<AssistantStreamEvent> events;
		try (StreamResponse<AssistantStreamEvent> stream = client.beta()
			.threads()
			.createAndRunStreaming(ThreadCreateAndRunParams.builder()
				.assistantId(assistant.id())
				.thread(ThreadCreateAndRunParams.Thread.builder()
					.addMessage(ThreadCreateAndRunParams.Thread.Message.builder()
						.role(ThreadCreateAndRunParams.Thread.Message.Role.USER)
						.content("Please search the file: how many vacation days do employees get?")
						.build())
					.build())
				.build())) {
			events = stream.stream().toList();
		}
		Run run = OpenAiSdk.completed(events);
		assertThat(events.stream().filter(AssistantStreamEvent::isThreadRunStepCompleted)).hasSize(2);

		Message answer = client.beta()
			.threads()
			.messages()
			.list(run.threadId(), MessageListParams.builder().runId(run.id()).build())
			.data()
			.get(0);
		var text = answer.content().get(0).asText().text();
		assertThat(text.value()).startsWith("From handbook.md: \"# Vacation Employees get 25 vacation days");
		FileCitationAnnotation citation = text.annotations().get(0).asFileCitation();
		assertThat(citation.fileCitation().fileId()).isEqualTo(handbook.id());
		assertThat(citation.text()).isEqualTo("【0†handbook.md】");
		assertThat(text.value().substring((int) citation.startIndex(), (int) citation.endIndex()))
			.isEqualTo(citation.text());

		List<RunStep> steps = client.beta()
			.threads()
			.runs()
			.steps()
			.list(run.id(), StepListParams.builder()
				.threadId(run.threadId())
				.order(StepListParams.Order.ASC)
				.addInclude(RunStepInclude.STEP_DETAILS_TOOL_CALLS_FILE_SEARCH_RESULTS_CONTENT)
				.build())
			.data();
		FileSearchToolCall search = steps.get(0).stepDetails().asToolCalls().toolCalls().get(0).asFileSearch();
		FileSearchToolCall.FileSearch.Result top = search.fileSearch().results().orElseThrow().get(0);
		assertThat(top.fileId()).isEqualTo(handbook.id());
		assertThat(top.fileName()).isEqualTo("handbook.md");
		assertThat(top.content().orElseThrow().get(0).text()).hasValueSatisfying(
				(content) -> assertThat(content).contains("25 vacation days"));

		OpenAIClient other = OpenAiSdk.client(server, OTHER_KEY);
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> other.vectorStores().retrieve(store.id()));
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> other.vectorStores()
			.search(store.id(), VectorStoreSearchParams.builder().query("vacation").build()));
		assertThat(other.vectorStores().list().data()).isEmpty();
	}

	private static FileObject upload(Path directory, String name, String text) throws IOException {
		return client.files()
			.create(FileCreateParams.builder()
				.file(Files.writeString(directory.resolve(name), text))
				.purpose(FilePurpose.ASSISTANTS)
				.build());
	}

}
