package dev.assistants.client;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CompleteUploadRequest;
import dev.assistants.api.CreateUploadRequest;
import dev.assistants.api.CreateVectorStoreFileBatchRequest;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.SpecFixtures;
import dev.assistants.api.UpdateVectorStoreFileAttributesRequest;
import dev.assistants.api.UpdateVectorStoreRequest;
import dev.assistants.api.VectorStoreSearchRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Files, Uploads and Vector stores operation that answers JSON against the specification's
 * own example: the request the client sends (method, path, query, headers, exact JSON body, or a
 * multipart form) and the response it maps, field by field. Where an example contradicts its own
 * schema, the test says so and uses a corrected one. The multipart operations' forms are checked
 * part by part in {@link FileOperationsTests}; downloads, which answer bytes, too.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "openai.api-key=sk-test-key", "openai.organization=org-test", "openai.project=proj-test" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class StorageSpecExamplesTests {

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	/**
	 * Example paths the specification gets wrong: {@code files_batches} for {@code file_batches},
	 * and a path template for a path.
	 */
	private static final Map<String, String> CORRECTED_PATHS = Map.of("cancelVectorStoreFileBatch",
			"/vector_stores/vs_abc123/file_batches/vsfb_abc123/cancel", "listFilesInVectorStoreBatch",
			"/vector_stores/vs_abc123/file_batches/vsfb_abc123/files", "updateVectorStoreFileAttributes",
			"/vector_stores/vs_abc123/files/file-abc123");

	/**
	 * Examples the specification gets wrong: a batch's file with a flat {@code static} strategy
	 * (the schema nests it under {@code static}), a search whose filter is a placeholder; and as
	 * answers, file content answered as a search result and a chunking strategy that is a
	 * placeholder.
	 */
	private static final Map<String, String> CORRECTED_REQUESTS = Map.of("createVectorStoreFileBatch",
			"{\"files\":[{\"file_id\":\"file-abc123\",\"attributes\":{\"category\":\"finance\"}},"
					+ "{\"file_id\":\"file-abc456\",\"chunking_strategy\":{\"type\":\"static\",\"static\":"
					+ "{\"max_chunk_size_tokens\":1200,\"chunk_overlap_tokens\":200}}}]}",
			"searchVectorStore",
			"{\"query\":\"What is the return policy?\",\"filters\":{\"type\":\"eq\",\"key\":\"region\",\"value\":\"us\"}}");

	private static final Map<String, String> CORRECTED_RESPONSES = Map.of("retrieveVectorStoreFileContent",
			"{\"object\":\"vector_store.file_content.page\",\"data\":[{\"type\":\"text\",\"text\":\"Returns are "
					+ "accepted within 30 days.\"}],\"has_more\":false,\"next_page\":null}",
			"updateVectorStoreFileAttributes",
			"{\"id\":\"file-abc123\",\"object\":\"vector_store.file\",\"usage_bytes\":1234,\"created_at\":1699061776,"
					+ "\"vector_store_id\":\"vs_abcd\",\"status\":\"completed\",\"last_error\":null,\"chunking_strategy\":"
					+ "{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":800,\"chunk_overlap_tokens\":400}},"
					+ "\"attributes\":{\"key1\":\"value1\",\"key2\":2}}");

	private static final Map<String, Call> CALLS = Map.ofEntries(
			Map.entry("createFile", (files, stores, ids, body) -> files.createFile(new ByteArrayResource(
					"{\"prompt\": \"x\"}".getBytes(StandardCharsets.UTF_8)) {

				@Override
				public String getFilename() {
					return "mydata.jsonl";
				}

			}, FilePurpose.ASSISTANTS)),
			Map.entry("listFiles", (files, stores, ids, body) -> files.listFiles()),
			Map.entry("retrieveFile", (files, stores, ids, body) -> files.retrieveFile(ids.get("file_id"))),
			Map.entry("deleteFile", (files, stores, ids, body) -> files.deleteFile(ids.get("file_id"))),
			Map.entry("createUpload", (files, stores, ids, body) -> files.createUpload(read(body, CreateUploadRequest.class))),
			Map.entry("addUploadPart", (files, stores, ids, body) -> files.addUploadPart(ids.get("upload_id"),
					new ByteArrayResource(new byte[] { 1, 2, 3 }))),
			Map.entry("completeUpload", (files, stores, ids, body) -> files.completeUpload(ids.get("upload_id"),
					read(body, CompleteUploadRequest.class))),
			Map.entry("cancelUpload", (files, stores, ids, body) -> files.cancelUpload(ids.get("upload_id"))),
			Map.entry("createVectorStore", (files, stores, ids, body) -> stores
				.createVectorStore(read(body, CreateVectorStoreRequest.class))),
			Map.entry("listVectorStores", (files, stores, ids, body) -> stores.listVectorStores(ListQuery.DEFAULT)),
			Map.entry("getVectorStore", (files, stores, ids, body) -> stores.getVectorStore(ids.get("vector_store_id"))),
			Map.entry("modifyVectorStore", (files, stores, ids, body) -> stores
				.modifyVectorStore(ids.get("vector_store_id"), read(body, UpdateVectorStoreRequest.class))),
			Map.entry("deleteVectorStore", (files, stores, ids, body) -> stores.deleteVectorStore(ids.get("vector_store_id"))),
			Map.entry("searchVectorStore", (files, stores, ids, body) -> stores
				.searchVectorStore(ids.get("vector_store_id"), read(body, VectorStoreSearchRequest.class))),
			Map.entry("createVectorStoreFile", (files, stores, ids, body) -> stores
				.createVectorStoreFile(ids.get("vector_store_id"), read(body, CreateVectorStoreFileRequest.class))),
			Map.entry("listVectorStoreFiles", (files, stores, ids, body) -> stores
				.listVectorStoreFiles(ids.get("vector_store_id"), VectorStoreFileListQuery.DEFAULT)),
			Map.entry("getVectorStoreFile", (files, stores, ids, body) -> stores
				.getVectorStoreFile(ids.get("vector_store_id"), ids.get("file_id"))),
			Map.entry("updateVectorStoreFileAttributes", (files, stores, ids, body) -> stores.updateVectorStoreFileAttributes(
					ids.get("vector_store_id"), ids.get("file_id"), read(body, UpdateVectorStoreFileAttributesRequest.class))),
			Map.entry("deleteVectorStoreFile", (files, stores, ids, body) -> stores
				.deleteVectorStoreFile(ids.get("vector_store_id"), ids.get("file_id"))),
			Map.entry("retrieveVectorStoreFileContent", (files, stores, ids, body) -> stores
				.retrieveVectorStoreFileContent(ids.get("vector_store_id"), ids.get("file_id"))),
			Map.entry("createVectorStoreFileBatch", (files, stores, ids, body) -> stores
				.createVectorStoreFileBatch(ids.get("vector_store_id"), read(body, CreateVectorStoreFileBatchRequest.class))),
			Map.entry("getVectorStoreFileBatch", (files, stores, ids, body) -> stores
				.getVectorStoreFileBatch(ids.get("vector_store_id"), ids.get("batch_id"))),
			Map.entry("cancelVectorStoreFileBatch", (files, stores, ids, body) -> stores
				.cancelVectorStoreFileBatch(ids.get("vector_store_id"), ids.get("batch_id"))),
			Map.entry("listFilesInVectorStoreBatch", (files, stores, ids, body) -> stores.listFilesInVectorStoreBatch(
					ids.get("vector_store_id"), ids.get("batch_id"), VectorStoreFileListQuery.DEFAULT)));

	@Autowired
	private FileOperations files;

	@Autowired
	private VectorStoreOperations vectorStores;

	@InjectWireMock
	private WireMockServer wireMock;

	static Stream<String> operationIds() {
		return SpecFixtures.STORAGE_OPERATIONS.propertyNames()
			.stream()
			.filter((operationId) -> SpecFixtures.operation(operationId).get("responseSchema").isString())
			.sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operationIds")
	void sendsTheSpecifiedRequestAndMapsTheFullResponse(String operationId) {
		JsonNode operation = SpecFixtures.operation(operationId);
		JsonNode example = operation.get("example");
		UriComponents examplePath = UriComponentsBuilder
			.fromUriString(CORRECTED_PATHS.getOrDefault(operationId, example.get("path").stringValue()))
			.build();
		RequestMethod method = RequestMethod.fromString(operation.get("method").stringValue());
		JsonNode responseBody = CORRECTED_RESPONSES.containsKey(operationId)
				? JSON.readTree(CORRECTED_RESPONSES.get(operationId)) : example.get("responseBody");
		this.wireMock.stubFor(WireMock.request(method.getName(), urlPathEqualTo(examplePath.getPath()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(responseBody.toString())));
		JsonNode requestBody = CORRECTED_REQUESTS.containsKey(operationId)
				? JSON.readTree(CORRECTED_REQUESTS.get(operationId)) : example.get("requestBody");

		Object result = CALLS.get(operationId)
			.call(this.files, this.vectorStores,
					SpecExamplesTests.pathVariables(operation.get("path").stringValue(), examplePath.getPath()),
					requestBody)
			.block();

		RequestPatternBuilder expected = RequestPatternBuilder
			.newRequestPattern(method, urlPathEqualTo(examplePath.getPath()))
			.withHeader("Authorization", equalTo("Bearer sk-test-key"))
			.withHeader("OpenAI-Organization", equalTo("org-test"))
			.withHeader("OpenAI-Project", equalTo("proj-test"))
			.withHeader("Accept", equalTo("application/json"));
		String contentType = operation.path("requestContentType").asString(null);
		if ("multipart/form-data".equals(contentType)) {
			expected.withHeader("Content-Type", matching("multipart/form-data;boundary=.+"));
		}
		else if (requestBody != null && !requestBody.isNull()) {
			expected.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson(requestBody.toString()));
		}
		this.wireMock.verify(1, expected);
		assertThat(this.wireMock.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getQueryParams()).isEmpty());
		JsonNode mapped = JSON.readTree(JSON.writeValueAsString(result));
		JsonNode expectedResponse = SpecFixtures
			.withoutNulls(SpecFixtures.declaredOnly(responseBody, operation.get("responseSchema").stringValue()));
		if (expectedResponse.path("search_query").isString()) {
			// the example answers one string where the schema says an array: read as a list of one
			((ObjectNode) expectedResponse).putArray("search_query").add(responseBody.get("search_query"));
		}
		assertThat(mapped).isEqualTo(expectedResponse);
	}

	private static <T> T read(JsonNode body, Class<T> type) {
		return JSON.treeToValue(body, type);
	}

	@FunctionalInterface
	interface Call {

		Mono<?> call(FileOperations files, VectorStoreOperations vectorStores, Map<String, String> ids, JsonNode body);

	}

}
