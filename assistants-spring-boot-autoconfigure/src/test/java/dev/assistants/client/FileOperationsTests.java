package dev.assistants.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Flux;

import dev.assistants.api.CreateVectorStoreFileBatchRequest;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.FileExpirationAfter;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.VectorStoreFileBatchObject;
import dev.assistants.api.VectorStoreFileObject;
import dev.assistants.api.VectorStoreFileStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Files, Uploads and Vector stores operations on the wire where the specification's examples
 * say nothing: the multipart forms part by part, downloads as bytes, uploads in parts, retries of
 * what can be read again (and only of that), the polling helpers and typed errors.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "openai.api-key=sk-test-key", "openai.retry.initial-backoff=1ms",
				"openai.polling.interval=5ms", "openai.polling.timeout=2s" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class FileOperationsTests {

	private static final String FILE = "{\"id\":\"file-abc123\",\"object\":\"file\",\"bytes\":11,\"created_at\":1700000000,"
			+ "\"expires_at\":1700003600,\"filename\":\"notes.md\",\"purpose\":\"assistants\",\"status\":\"processed\"}";

	@Autowired
	private FileOperations files;

	@Autowired
	private VectorStoreOperations vectorStores;

	@InjectWireMock
	private WireMockServer wireMock;

	@TempDir
	private Path directory;

	@BeforeEach
	void reset() {
		this.wireMock.resetAll();
	}

	@Test
	void uploadsAFileAsTheMultipartFormTheApiReads() throws Exception {
		this.wireMock.stubFor(post("/files").willReturn(okJson(FILE)));
		Path notes = Files.writeString(this.directory.resolve("notes.txt"), "# Notes\nhi\n");

		OpenAIFile file = this.files
			.createFile(new FileSystemResource(notes), FilePurpose.ASSISTANTS,
					new FileExpirationAfter("created_at", 3600L))
			.block();

		assertThat(file).isEqualTo(new OpenAIFile("file-abc123", "file", 11, 1700000000L, 1700003600L, "notes.md",
				FilePurpose.ASSISTANTS, "processed", null));
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/files"))
			.withHeader("Content-Type", matching("multipart/form-data;boundary=.+"))
			.withRequestBodyPart(aMultipart("purpose").withBody(equalTo("assistants")).build())
			.withRequestBodyPart(aMultipart("expires_after[anchor]").withBody(equalTo("created_at")).build())
			.withRequestBodyPart(aMultipart("expires_after[seconds]").withBody(equalTo("3600")).build())
			.withRequestBodyPart(aMultipart("file")
				.withHeader("Content-Disposition", equalTo("form-data; name=\"file\"; filename=\"notes.txt\""))
				.withHeader("Content-Type", equalTo("text/plain"))
				.withBody(equalTo("# Notes\nhi\n"))
				.build()));
	}

	@Test
	void retriesAnUploadOfAResourceButNotOfAStreamReadOnce() throws Exception {
		this.wireMock.stubFor(post("/files").inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		this.wireMock.stubFor(post("/files").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson(FILE)));
		Path notes = Files.writeString(this.directory.resolve("notes.md"), "# Notes\nhi\n");

		assertThat(this.files.createFile(notes, FilePurpose.ASSISTANTS).block().id()).isEqualTo("file-abc123");
		this.wireMock.verify(2, postRequestedFor(urlEqualTo("/files"))
			.withRequestBodyPart(aMultipart("file").withBody(equalTo("# Notes\nhi\n")).build()));

		this.wireMock.resetAll();
		this.wireMock.stubFor(post("/files").willReturn(aResponse().withStatus(503)));
		Flux<DataBuffer> once = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("hi".getBytes(StandardCharsets.UTF_8)));
		assertThatExceptionOfType(InternalServerException.class)
			.isThrownBy(() -> this.files.createFile("notes.md", once, FilePurpose.ASSISTANTS, null).block());
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/files")));
	}

	@Test
	void downloadsTheBytesAsTheServerSendsThem() throws Exception {
		byte[] content = new byte[3 * 1024 * 1024 + 17];
		new Random(7).nextBytes(content);
		this.wireMock.stubFor(get("/files/file-abc123/content")
			.willReturn(aResponse().withHeader("Content-Type", "application/octet-stream").withBody(content)));

		Path target = this.directory.resolve("download.bin");
		this.files.downloadFile("file-abc123", target).block();

		assertThat(Files.readAllBytes(target)).isEqualTo(content);
		this.wireMock.verify(1, getRequestedFor(urlEqualTo("/files/file-abc123/content"))
			.withHeader("Authorization", equalTo("Bearer sk-test-key")));
	}

	@Test
	void aMissingFileIsANotFoundExceptionWithTheServersMessage() {
		this.wireMock.stubFor(get("/files/file-gone/content").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"No such File object: file-gone\",\"type\":\"invalid_request_error\","
					+ "\"param\":\"id\",\"code\":null}}")));

		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> DataBufferUtils.join(this.files.downloadFile("file-gone")).block())
			.withMessageContaining("downloadFile (GET /files/{file_id}/content)")
			.withMessageContaining("No such File object: file-gone");
	}

	@Test
	void uploadsALargeFileInPartsInOrderAndCompletesIt() throws Exception {
		byte[] content = new byte[2500];
		new Random(3).nextBytes(content);
		Path data = Files.write(this.directory.resolve("data.bin"), content);
		this.wireMock.stubFor(post("/uploads").willReturn(okJson(upload("pending", null))));
		for (int i = 0; i < 3; i++) {
			this.wireMock.stubFor(post("/uploads/upload_abc/parts").inScenario("parts")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "part" + i)
				.willSetStateTo("part" + (i + 1))
				.willReturn(okJson("{\"id\":\"part_" + i + "\",\"object\":\"upload.part\",\"created_at\":1700000000,"
						+ "\"upload_id\":\"upload_abc\"}")));
		}
		this.wireMock.stubFor(post("/uploads/upload_abc/complete").willReturn(okJson(upload("completed", FILE))));

		OpenAIFile file = this.files.uploadFile(data, FilePurpose.ASSISTANTS, "application/octet-stream", 1000).block();

		assertThat(file.id()).isEqualTo("file-abc123");
		this.wireMock.verify(postRequestedFor(urlEqualTo("/uploads")).withRequestBody(equalToJson(
				"{\"filename\":\"data.bin\",\"purpose\":\"assistants\",\"bytes\":2500,\"mime_type\":\"application/octet-stream\"}")));
		List<LoggedRequest> parts = this.wireMock.findAll(postRequestedFor(urlEqualTo("/uploads/upload_abc/parts")));
		assertThat(parts).hasSize(3);
		for (int i = 0; i < 3; i++) {
			byte[] expected = Arrays.copyOfRange(content, i * 1000, Math.min(2500, (i + 1) * 1000));
			assertThat(parts.get(i).getPart("data").getBody().asBytes()).isEqualTo(expected);
		}
		this.wireMock.verify(postRequestedFor(urlEqualTo("/uploads/upload_abc/complete"))
			.withRequestBody(equalToJson("{\"part_ids\":[\"part_0\",\"part_1\",\"part_2\"]}")));
	}

	@Test
	void cancelsTheUploadWhenAPartFails() throws Exception {
		Path data = Files.write(this.directory.resolve("data.bin"), new byte[10]);
		this.wireMock.stubFor(post("/uploads").willReturn(okJson(upload("pending", null))));
		this.wireMock.stubFor(post("/uploads/upload_abc/parts").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Part too large\",\"type\":\"invalid_request_error\"}}")));
		this.wireMock.stubFor(post("/uploads/upload_abc/cancel").willReturn(okJson(upload("cancelled", null))));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.files.uploadFile(data, FilePurpose.ASSISTANTS, "text/plain").block())
			.withMessageContaining("Part too large");
		this.wireMock.verify(1, postRequestedFor(urlEqualTo("/uploads/upload_abc/cancel")));
		this.wireMock.verify(0, postRequestedFor(urlEqualTo("/uploads/upload_abc/complete")));
	}

	@Test
	void walksEveryPageOfFilesByAfter() {
		this.wireMock.stubFor(get(urlEqualTo("/files?purpose=assistants&limit=2")).willReturn(okJson(
				"{\"object\":\"list\",\"data\":[" + file("file-1") + "," + file("file-2")
						+ "],\"first_id\":\"file-1\",\"last_id\":\"file-2\",\"has_more\":true}")));
		this.wireMock.stubFor(get(urlEqualTo("/files?purpose=assistants&limit=2&after=file-2")).willReturn(okJson(
				"{\"object\":\"list\",\"data\":[" + file("file-3")
						+ "],\"first_id\":\"file-3\",\"last_id\":\"file-3\",\"has_more\":false}")));

		assertThat(this.files.listAllFiles(FileListQuery.purpose(FilePurpose.ASSISTANTS).withLimit(2))
			.map(OpenAIFile::id)
			.collectList()
			.block()).containsExactly("file-1", "file-2", "file-3");
	}

	@Test
	void addsAFileToAVectorStoreAndPollsUntilItIsProcessed() {
		this.wireMock.stubFor(post("/vector_stores/vs_1/files").willReturn(okJson(vectorStoreFile("in_progress"))));
		this.wireMock.stubFor(get("/vector_stores/vs_1/files/file-abc123").inScenario("ingest")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("done")
			.willReturn(okJson(vectorStoreFile("in_progress")).withHeader("openai-poll-after-ms", "1")));
		this.wireMock.stubFor(get("/vector_stores/vs_1/files/file-abc123").inScenario("ingest")
			.whenScenarioStateIs("done")
			.willReturn(okJson(vectorStoreFile("completed"))));

		VectorStoreFileObject file = this.vectorStores
			.createVectorStoreFileAndPoll("vs_1", CreateVectorStoreFileRequest.of("file-abc123"))
			.block();

		assertThat(file.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
		this.wireMock.verify(postRequestedFor(urlEqualTo("/vector_stores/vs_1/files"))
			.withRequestBody(equalToJson("{\"file_id\":\"file-abc123\"}")));
		this.wireMock.verify(2, getRequestedFor(urlEqualTo("/vector_stores/vs_1/files/file-abc123")));
	}

	@Test
	void aBatchStillInProgressAtThePollingTimeoutFailsSayingSo() {
		this.wireMock.stubFor(post("/vector_stores/vs_1/file_batches").willReturn(okJson(batch())));
		this.wireMock.stubFor(get("/vector_stores/vs_1/file_batches/vsfb_1").willReturn(okJson(batch())));

		assertThatExceptionOfType(AssistantsTimeoutException.class)
			.isThrownBy(() -> this.vectorStores.createVectorStoreFileBatchAndPoll("vs_1",
					CreateVectorStoreFileBatchRequest.ofFileIds(List.of("file-1", "file-2"))).block())
			.withMessage("createVectorStoreFileBatchAndPoll: batch vsfb_1 is still in_progress with 2 files in progress "
					+ "after 2000 ms (openai.polling.timeout)");
	}

	@Test
	void listsTheFilesOfAVectorStoreByStatus() {
		this.wireMock.stubFor(get(urlPathEqualTo("/vector_stores/vs_1/files")).willReturn(okJson(
				"{\"object\":\"list\",\"data\":[],\"first_id\":null,\"last_id\":null,\"has_more\":false}")));

		this.vectorStores
			.listVectorStoreFiles("vs_1", VectorStoreFileListQuery.withStatus(VectorStoreFileStatus.FAILED)
				.withPage(ListQuery.limit(5)))
			.block();

		this.wireMock.verify(getRequestedFor(urlEqualTo("/vector_stores/vs_1/files?limit=5&filter=failed")));
	}

	@Test
	void anInvalidVectorStoreIsABadRequestExceptionNamingTheParameter() {
		this.wireMock.stubFor(post("/vector_stores").willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid value for 'expires_after.days'.\",\"type\":"
					+ "\"invalid_request_error\",\"param\":\"expires_after.days\",\"code\":\"invalid_value\"}}")));

		assertThatExceptionOfType(BadRequestException.class)
			.isThrownBy(() -> this.vectorStores.createVectorStore(CreateVectorStoreRequest.named("docs")).block())
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getError().param()).isEqualTo("expires_after.days");
			});
	}

	@Test
	void refusesInvalidArgumentsBeforeSendingAnything() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.files.uploadFile(this.directory, FilePurpose.ASSISTANTS, "text/plain", 0))
			.withMessage("partSize must be between 1 and 67108864 but was 0");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.vectorStores.getVectorStoreFile("vs_1", " "))
			.withMessage("file_id must not be blank");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> new FileListQuery(null, 10_001, null, null))
			.withMessage("limit must be between 1 and 10000 but was 10001");
		assertThat(this.wireMock.getAllServeEvents()).isEmpty();
	}

	private static String upload(String status, String file) {
		return "{\"id\":\"upload_abc\",\"object\":\"upload\",\"bytes\":2500,\"created_at\":1700000000,\"filename\":"
				+ "\"data.bin\",\"purpose\":\"assistants\",\"status\":\"" + status + "\",\"expires_at\":1700003600,"
				+ "\"file\":" + file + "}";
	}

	private static String file(String id) {
		return FILE.replace("file-abc123", id);
	}

	private static String vectorStoreFile(String status) {
		return "{\"id\":\"file-abc123\",\"object\":\"vector_store.file\",\"usage_bytes\":0,\"created_at\":1700000000,"
				+ "\"vector_store_id\":\"vs_1\",\"status\":\"" + status + "\",\"last_error\":null}";
	}

	private static String batch() {
		return "{\"id\":\"vsfb_1\",\"object\":\"vector_store.files_batch\",\"created_at\":1700000000,\"vector_store_id\":"
				+ "\"vs_1\",\"status\":\"in_progress\",\"file_counts\":{\"in_progress\":2,\"completed\":0,\"failed\":0,"
				+ "\"cancelled\":0,\"total\":2}}";
	}

}
