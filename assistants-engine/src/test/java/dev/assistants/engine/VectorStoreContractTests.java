package dev.assistants.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.engine.Api.FormFile;
import dev.assistants.engine.Api.Response;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.store.AssistantsStore;

import static dev.assistants.engine.Api.ids;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vector stores' contract over HTTP, run against every store: vector stores, their files and
 * batches, ingestion in the background (and after an engine stops), search by keywords and by
 * meaning, attribute filters, isolation between projects, and file search in runs with citations.
 * The engine embeds with {@link TestEmbeddings}: where the store compares vectors, a query finds a
 * chunk by a synonym it does not share a word with.
 */
public abstract class VectorStoreContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	protected final TestModel model = new TestModel();

	protected EngineServer server;

	protected Api api;

	/**
	 * The store under test.
	 * @return the store
	 */
	protected abstract AssistantsStore store();

	@BeforeEach
	void startServer() {
		this.server = new EngineServer(store(), this.model, (engine) -> engine.embeddings(new TestEmbeddings())
			.expiryCheckInterval(Duration.ofMillis(100)));
		this.api = Api.newProject(this.server.baseUrl());
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void keepsVectorStoresAndIngestsTheirFiles() {
		String policy = upload("policy.txt", "Refunds are accepted within 30 days of purchase with a receipt.");
		String shipping = upload("shipping.md", "# Shipping\n\nParcels ship within two business days by courier.");
		JsonNode created = this.api.ok("POST", "/vector_stores", """
				{"name":"Support FAQ","file_ids":["%s","%s"],"metadata":{"team":"support"},
				 "expires_after":{"anchor":"last_active_at","days":7}}""".formatted(policy, shipping));
		String id = created.path("id").asString();
		assertThat(id).startsWith("vs_");
		assertThat(created.path("object").asString()).isEqualTo("vector_store");
		assertThat(created.path("name").asString()).isEqualTo("Support FAQ");
		assertThat(created.at("/metadata/team").asString()).isEqualTo("support");
		assertThat(created.at("/expires_after/days").asInt()).isEqualTo(7);
		assertThat(created.path("expires_at").asLong())
			.isEqualTo(created.path("last_active_at").asLong() + 7 * 86_400);
		assertThat(created.at("/file_counts/total").asInt()).isEqualTo(2);
		assertThat(created.propertyNames()).doesNotContain("_description");

		JsonNode completed = awaitVectorStore(id);
		assertJson(completed.path("file_counts"),
			"{\"in_progress\":0,\"completed\":2,\"cancelled\":0,\"failed\":0,\"total\":2}");
		assertThat(completed.path("usage_bytes").asLong()).isPositive();

		JsonNode file = this.api.ok("GET", "/vector_stores/" + id + "/files/" + policy, null);
		assertThat(file.path("id").asString()).isEqualTo(policy);
		assertThat(file.path("object").asString()).isEqualTo("vector_store.file");
		assertThat(file.path("vector_store_id").asString()).isEqualTo(id);
		assertThat(file.path("status").asString()).isEqualTo("completed");
		assertThat(file.path("last_error").isNull()).isTrue();
		assertThat(file.path("usage_bytes").asLong()).isEqualTo(63);
		assertJson(file.path("chunking_strategy"),
			"{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":800,\"chunk_overlap_tokens\":400}}");
		assertThat(file.propertyNames()).noneMatch((name) -> name.startsWith("_"));
		assertThat(ids(this.api.ok("GET", "/vector_stores/" + id + "/files", null))).containsExactly(shipping, policy);
		assertThat(ids(this.api.ok("GET", "/vector_stores/" + id + "/files?order=asc&limit=1", null)))
			.containsExactly(policy);
		assertThat(ids(this.api.ok("GET", "/vector_stores/" + id + "/files?after=" + shipping, null)))
			.containsExactly(policy);
		assertThat(ids(this.api.ok("GET", "/vector_stores/" + id + "/files?filter=failed", null))).isEmpty();

		JsonNode content = this.api.ok("GET", "/vector_stores/" + id + "/files/" + policy + "/content", null);
		assertJson(content, "{\"object\":\"vector_store.file_content.page\",\"data\":[{\"type\":"
				+ "\"text\",\"text\":\"Refunds are accepted within 30 days of purchase with a receipt.\"}],"
				+ "\"has_more\":false,\"next_page\":null}");

		JsonNode attributed = this.api.ok("POST", "/vector_stores/" + id + "/files/" + policy,
				"{\"attributes\":{\"topic\":\"refunds\",\"version\":2,\"public\":true}}");
		assertJson(attributed.path("attributes"), "{\"topic\":\"refunds\",\"version\":2,\"public\":true}");

		JsonNode modified = this.api.ok("POST", "/vector_stores/" + id, "{\"name\":\"FAQ\",\"expires_after\":null}");
		assertThat(modified.path("name").asString()).isEqualTo("FAQ");
		assertThat(modified.path("expires_at").isNull()).isTrue();
		assertThat(modified.at("/metadata/team").asString()).isEqualTo("support");
		assertThat(ids(this.api.ok("GET", "/vector_stores", null))).containsExactly(id);

		assertJson(this.api.ok("DELETE", "/vector_stores/" + id + "/files/" + shipping, null),
			"{\"id\":\"" + shipping + "\",\"object\":\"vector_store.file.deleted\",\"deleted\":true}");
		JsonNode afterDelete = this.api.ok("GET", "/vector_stores/" + id, null);
		assertJson(afterDelete.path("file_counts"),
			"{\"in_progress\":0,\"completed\":1,\"cancelled\":0,\"failed\":0,\"total\":1}");
		assertThat(afterDelete.path("usage_bytes").asLong()).isEqualTo(63);
		assertThat(this.api.get("/files/" + shipping).status()).as("the file itself stays").isEqualTo(200);
		assertThat(search(id, "{\"query\":\"courier parcels\"}").path("data")).isEmpty();

		this.api.ok("DELETE", "/files/" + policy, null);
		assertThat(this.api.get("/vector_stores/" + id + "/files/" + policy).status())
			.as("deleting a file removes it from every vector store").isEqualTo(404);
		assertJson(this.api.ok("GET", "/vector_stores/" + id, null).path("file_counts"),
				"{\"in_progress\":0,\"completed\":0,\"cancelled\":0,\"failed\":0,\"total\":0}");
		assertThat(search(id, "{\"query\":\"refunds\"}").path("data")).isEmpty();

		assertJson(this.api.ok("DELETE", "/vector_stores/" + id, null),
			"{\"id\":\"" + id + "\",\"object\":\"vector_store.deleted\",\"deleted\":true}");
		assertThat(this.api.get("/vector_stores/" + id).status()).isEqualTo(404);
	}

	@Test
	void searchesByKeywordsAndFiltersByAttributes() {
		String policy = upload("policy.txt", "Refunds are accepted within 30 days of purchase with a receipt.");
		String shipping = upload("shipping.txt", "Parcels ship within two business days by courier.");
		String warranty = upload("warranty.txt", "The warranty covers defects for two years from purchase.");
		String id = this.api.ok("POST", "/vector_stores", "{\"name\":\"FAQ\"}").path("id").asString();
		this.api.ok("POST", "/vector_stores/" + id + "/files",
				"{\"file_id\":\"" + policy + "\",\"attributes\":{\"topic\":\"money\",\"year\":2024}}");
		this.api.ok("POST", "/vector_stores/" + id + "/files",
				"{\"file_id\":\"" + shipping + "\",\"attributes\":{\"topic\":\"logistics\",\"year\":2025}}");
		this.api.ok("POST", "/vector_stores/" + id + "/files",
				"{\"file_id\":\"" + warranty + "\",\"attributes\":{\"topic\":\"money\",\"year\":2025}}");
		awaitVectorStore(id);

		JsonNode page = search(id, "{\"query\":\"how many days for refunds\"}");
		assertThat(page.path("object").asString()).isEqualTo("vector_store.search_results.page");
		assertJson(page.path("search_query"), "[\"how many days for refunds\"]");
		assertThat(page.path("has_more").asBoolean()).isFalse();
		assertThat(page.path("next_page").isNull()).isTrue();
		JsonNode top = page.at("/data/0");
		assertThat(top.path("file_id").asString()).isEqualTo(policy);
		assertThat(top.path("filename").asString()).isEqualTo("policy.txt");
		assertJson(top.path("attributes"), "{\"topic\":\"money\",\"year\":2024}");
		assertJson(top.path("content"),
				"[{\"type\":\"text\",\"text\":\"Refunds are accepted within 30 days of purchase with a receipt.\"}]");
		List<Double> scores = new ArrayList<>();
		page.path("data").forEach((result) -> scores.add(result.path("score").asDouble()));
		assertThat(scores).allSatisfy((score) -> assertThat(score).isBetween(0.0, 1.0));
		assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));

		assertThat(search(id, "{\"query\":\"purchase\",\"max_num_results\":1}").path("data")).hasSize(1);
		assertThat(fileIds(search(id, "{\"query\":\"purchase\",\"filters\":{\"type\":\"eq\",\"key\":\"year\","
				+ "\"value\":2025}}"))).containsExactly(warranty);
		assertThat(fileIds(search(id, "{\"query\":\"purchase days\",\"filters\":{\"type\":\"and\",\"filters\":["
				+ "{\"type\":\"eq\",\"key\":\"topic\",\"value\":\"money\"},{\"type\":\"lt\",\"key\":\"year\",\"value\":2025}]}}")))
			.containsExactly(policy);
		assertThat(fileIds(search(id, "{\"query\":\"days\",\"filters\":{\"type\":\"in\",\"key\":\"topic\","
				+ "\"value\":[\"logistics\"]}}"))).containsExactly(shipping);
		assertThat(fileIds(search(id, "{\"query\":[\"courier\",\"warranty\"]}"))).containsExactlyInAnyOrder(shipping,
				warranty);
		assertThat(search(id, "{\"query\":\"refunds\",\"ranking_options\":{\"score_threshold\":1}}").path("data"))
			.isEmpty();

		Api other = Api.newProject(this.server.baseUrl());
		assertThat(other.post("/vector_stores/" + id + "/search", "{\"query\":\"refunds\"}").status()).isEqualTo(404);
		assertThat(other.get("/vector_stores/" + id).status()).isEqualTo(404);
		assertThat(ids(other.ok("GET", "/vector_stores", null))).isEmpty();
		String theirs = other.ok("POST", "/vector_stores", "{}").path("id").asString();
		assertThat(other.post("/vector_stores/" + theirs + "/files", "{\"file_id\":\"" + policy + "\"}").status())
			.as("another project's file").isEqualTo(404);
		assertThat(other.ok("POST", "/vector_stores/" + theirs + "/search", "{\"query\":\"refunds\"}").path("data"))
			.isEmpty();
	}

	@Test
	void findsChunksByMeaningWhereTheStoreComparesVectors() {
		String policy = upload("policy.txt", "Refunds are accepted within 30 days of purchase.");
		upload("unrelated.txt", "Our office has a garden with apple trees.");
		String id = this.api.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + policy + "\"]}").path("id").asString();
		awaitVectorStore(id);
		JsonNode results = search(id, "{\"query\":\"reimbursement\"}").path("data");
		if (store().searchesVectors()) {
			assertThat(results).hasSize(1);
			assertThat(results.at("/0/file_id").asString()).isEqualTo(policy);
			assertThat(results.at("/0/score").asDouble()).isBetween(0.2, 1.0);
		}
		else {
			assertThat(results).as("no shared word, and no vectors").isEmpty();
		}
	}

	@Test
	void batchesAddFilesAndCancelTheOnesWaiting() throws Exception {
		// the slow engine ingests alone: the class's engine, looking for files every 100 ms, would
		// now and then take the batch's files first and ingest them at once
		this.server.close();
		CountDownLatch release = new CountDownLatch(1);
		TextExtractor slow = (file, filename, contentType) -> {
			try {
				release.await(10, TimeUnit.SECONDS);
				return java.nio.file.Files.readString(file);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		};
		try (EngineServer slowServer = new EngineServer(store(), this.model,
				(engine) -> engine.textExtractor(slow).ingestionConcurrency(1))) {
			Api caller = Api.newProject(slowServer.baseUrl());
			String a = upload(caller, "a.txt", "alpha");
			String b = upload(caller, "b.txt", "beta");
			String c = upload(caller, "c.txt", "gamma");
			String id = caller.ok("POST", "/vector_stores", "{}").path("id").asString();
			JsonNode batch = caller.ok("POST", "/vector_stores/" + id + "/file_batches",
					"{\"file_ids\":[\"" + a + "\",\"" + b + "\"],\"attributes\":{\"kind\":\"letter\"}}");
			String batchId = batch.path("id").asString();
			assertThat(batchId).startsWith("vsfb_");
			assertThat(batch.path("object").asString()).isEqualTo("vector_store.files_batch");
			assertThat(batch.path("status").asString()).isEqualTo("in_progress");
			assertJson(batch.path("file_counts"),
				"{\"in_progress\":2,\"completed\":0,\"cancelled\":0,\"failed\":0,\"total\":2}");
			assertJson(caller.ok("GET", "/vector_stores/" + id + "/files/" + a, null).path("attributes"),
				"{\"kind\":\"letter\"}");
			assertThat(ids(caller.ok("GET", "/vector_stores/" + id + "/file_batches/" + batchId + "/files?order=asc", null)))
				.containsExactly(a, b);
			assertThat(caller.ok("GET", "/vector_stores/" + id, null).path("status").asString()).isEqualTo("in_progress");

			JsonNode cancelled = caller.ok("POST", "/vector_stores/" + id + "/file_batches/" + batchId + "/cancel", null);
			assertThat(cancelled.path("status").asString()).isEqualTo("cancelled");
			assertThat(cancelled.at("/file_counts/cancelled").asInt()).isEqualTo(2);
			assertThat(caller.post("/vector_stores/" + id + "/file_batches/" + batchId + "/cancel", null).status())
				.isEqualTo(400);
			JsonNode perFile = caller.ok("POST", "/vector_stores/" + id + "/file_batches",
					"{\"files\":[{\"file_id\":\"" + c + "\",\"chunking_strategy\":{\"type\":\"static\",\"static\":"
							+ "{\"max_chunk_size_tokens\":100,\"chunk_overlap_tokens\":50}}}]}");
			release.countDown();
			String perFileId = perFile.path("id").asString();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> caller
				.ok("GET", "/vector_stores/" + id + "/file_batches/" + perFileId, null).path("status").asString(),
					"completed"::equals);
			JsonNode file = caller.ok("GET", "/vector_stores/" + id + "/files/" + c, null);
			assertThat(file.at("/chunking_strategy/static/max_chunk_size_tokens").asInt()).isEqualTo(100);
			assertThat(file.path("status").asString()).isEqualTo("completed");
			JsonNode store = caller.ok("GET", "/vector_stores/" + id, null);
			assertThat(store.path("status").asString()).isEqualTo("completed");
			assertJson(store.path("file_counts"),
				"{\"in_progress\":0,\"completed\":1,\"cancelled\":2,\"failed\":0,\"total\":3}");
			assertThat(ids(caller.ok("GET", "/vector_stores/" + id + "/files?filter=cancelled&order=asc", null)))
				.containsExactly(a, b);
		}
	}

	@Test
	void ingestsManyFilesAtOnceAndCountsEachOnce() {
		try (EngineServer busy = new EngineServer(store(), this.model,
				(engine) -> engine.embeddings(new TestEmbeddings()).ingestionConcurrency(4))) {
			Api caller = Api.newProject(busy.baseUrl());
			List<String> files = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				files.add(upload(caller, "page" + i + ".txt", "Page " + i + " of the handbook: refunds and shipping."));
			}
			String id = caller.ok("POST", "/vector_stores", "{}").path("id").asString();
			String batch = caller.ok("POST", "/vector_stores/" + id + "/file_batches",
					"{\"file_ids\":" + JSON.writeValueAsString(files) + "}").path("id").asString();
			JsonNode done = Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
				.until(() -> caller.ok("GET", "/vector_stores/" + id + "/file_batches/" + batch, null),
						(candidate) -> "completed".equals(candidate.path("status").asString()));
			assertJson(done.path("file_counts"),
					"{\"in_progress\":0,\"completed\":24,\"cancelled\":0,\"failed\":0,\"total\":24}");
			JsonNode store = caller.ok("GET", "/vector_stores/" + id, null);
			assertJson(store.path("file_counts"),
					"{\"in_progress\":0,\"completed\":24,\"cancelled\":0,\"failed\":0,\"total\":24}");
			long bytes = 0;
			for (String file : files) {
				bytes += caller.ok("GET", "/vector_stores/" + id + "/files/" + file, null).path("usage_bytes").asLong();
			}
			assertThat(store.path("usage_bytes").asLong()).isEqualTo(bytes);
		}
	}

	@Test
	void aFileWithoutTextFailsWithItsReason() {
		byte[] binary = { (byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3 };
		String file = this.api.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", "blob.bin", "application/octet-stream", binary)).json().path("id").asString();
		String id = this.api.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + file + "\"]}").path("id").asString();
		JsonNode store = awaitVectorStore(id);
		assertJson(store.path("file_counts"),
			"{\"in_progress\":0,\"completed\":0,\"cancelled\":0,\"failed\":1,\"total\":1}");
		JsonNode failed = this.api.ok("GET", "/vector_stores/" + id + "/files/" + file, null);
		assertThat(failed.path("status").asString()).isEqualTo("failed");
		assertThat(failed.at("/last_error/code").asString()).isEqualTo("unsupported_file");
		assertThat(failed.at("/last_error/message").asString()).contains("blob.bin");
	}

	@Test
	void ingestionGoesOnAfterItsEngineStops() throws InterruptedException {
		String project;
		String id;
		String file;
		CountDownLatch taken = new CountDownLatch(1);
		TextExtractor stuck = (path, filename, contentType) -> {
			taken.countDown();
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			throw new UnreadableFileException(UnreadableFileException.Reason.INVALID_FILE, "never read");
		};
		try (EngineServer dying = new EngineServer(store(), this.model,
				(engine) -> engine.textExtractor(stuck).ingestionLease(Duration.ofMillis(500)))) {
			Api caller = Api.newProject(dying.baseUrl());
			project = caller.key();
			file = upload(caller, "notes.txt", "Remember the milk.");
			id = caller.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + file + "\"]}").path("id").asString();
			assertThat(taken.await(5, TimeUnit.SECONDS)).as("the first engine took the file").isTrue();
		}
		// the engine that took the file stopped before it wrote anything: another takes it over
		Api caller = Api.withKey(this.server.baseUrl(), project);
		JsonNode store = Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
			.until(() -> caller.ok("GET", "/vector_stores/" + id, null),
					(candidate) -> candidate.at("/file_counts/completed").asInt() == 1);
		assertThat(store.path("status").asString()).isEqualTo("completed");
		assertThat(caller.ok("GET", "/vector_stores/" + id + "/files/" + file, null).path("status").asString())
			.isEqualTo("completed");
	}

	@Test
	void refusesBadRequestsAndWritesNothing() {
		String file = upload("a.txt", "alpha");
		assertBadRequest(this.api.post("/vector_stores", "{\"nam\":\"x\"}"), "nam", "unknown_parameter");
		assertBadRequest(this.api.post("/vector_stores", "{\"expires_after\":{\"anchor\":\"created_at\",\"days\":1}}"),
				null, null);
		assertBadRequest(this.api.post("/vector_stores", "{\"file_ids\":[\"" + file + "\"],\"chunking_strategy\":"
				+ "{\"type\":\"static\",\"static\":{\"max_chunk_size_tokens\":100,\"chunk_overlap_tokens\":60}}}"),
				"chunk_overlap_tokens", null);
		assertThat(this.api.post("/vector_stores", "{\"file_ids\":[\"file-nope\"]}").status()).isEqualTo(404);
		assertThat(ids(this.api.ok("GET", "/vector_stores", null))).as("nothing written").isEmpty();
		String id = this.api.ok("POST", "/vector_stores", "{}").path("id").asString();
		assertBadRequest(this.api.post("/vector_stores/" + id + "/search", "{\"query\":\"a\",\"max_num_results\":51}"),
				"max_num_results", null);
		assertBadRequest(this.api.post("/vector_stores/" + id + "/search", "{\"query\":\"a\",\"filters\":{\"type\":"
				+ "\"like\",\"key\":\"k\",\"value\":\"v\"}}"), "filters", "invalid_value");
		assertBadRequest(this.api.post("/vector_stores/" + id + "/search", "{}"), null, null);
		assertBadRequest(this.api.post("/vector_stores/" + id + "/file_batches", "{\"file_ids\":[\"" + file + "\"],"
				+ "\"files\":[{\"file_id\":\"" + file + "\"}]}"), null, null);
		assertBadRequest(this.api.get("/vector_stores/" + id + "/files?filter=done"), "filter", "invalid_value");
		assertThat(this.api.post("/vector_stores/" + id + "/files", "{\"file_id\":\"file-nope\"}").status())
			.isEqualTo(404);
		assertThat(this.api.ok("GET", "/vector_stores/" + id, null).at("/file_counts/total").asInt()).isZero();
	}

	@Test
	void aRunSearchesFilesAndCitesThem() {
		String policy = upload("policy.txt", "Refunds are accepted within 30 days of purchase with a receipt.");
		String vectorStore = this.api.ok("POST", "/vector_stores", "{\"file_ids\":[\"" + policy + "\"]}")
			.path("id").asString();
		awaitVectorStore(vectorStore);
		String assistant = this.api.ok("POST", "/assistants", """
				{"model":"gpt-4o","tools":[{"type":"file_search","file_search":{"max_num_results":5}}],
				 "tool_resources":{"file_search":{"vector_store_ids":["%s"]}}}""".formatted(vectorStore))
			.path("id").asString();
		String thread = this.api.ok("POST", "/threads", "{\"messages\":[{\"role\":\"user\",\"content\":\"Refund window?\"}]}")
			.path("id").asString();
		this.model.then(new ToolCallDelta(0, "call_search", "file_search", "{\"query\":"),
				new ToolCallDelta(0, null, null, "\"refunds receipt\"}"), new Finish(FinishReason.TOOL_CALLS, null));
		this.model.then(new TextDelta("You have 30 days 【0†policy.txt】"), new TextDelta("."),
				new Finish(FinishReason.STOP, null));
		Response stream = this.api.post("/threads/" + thread + "/runs",
				"{\"assistant_id\":\"" + assistant + "\",\"stream\":true}");
		List<String> names = stream.events().stream().map((event) -> event[0]).toList();
		assertThat(names).containsSubsequence("thread.run.step.created", "thread.run.step.delta",
				"thread.run.step.completed", "thread.message.created", "thread.message.delta", "thread.message.completed",
				"thread.run.completed");
		String delta = stream.events().stream().filter((event) -> event[0].equals("thread.run.step.delta")).findFirst()
			.orElseThrow()[1];
		assertThat(delta).contains("\"type\":\"file_search\"").contains("\"id\":\"call_search\"");

		JsonNode message = this.api.ok("GET", "/threads/" + thread + "/messages?limit=1", null).at("/data/0");
		JsonNode text = message.at("/content/0/text");
		assertThat(text.path("value").asString()).isEqualTo("You have 30 days 【0†policy.txt】.");
		assertJson(text.path("annotations"), "[{\"type\":\"file_citation\",\"text\":"
				+ "\"【0†policy.txt】\",\"file_citation\":{\"file_id\":\"" + policy + "\"},\"start_index\":17,"
				+ "\"end_index\":31}]");

		String run = message.path("run_id").asString();
		JsonNode steps = this.api.ok("GET", "/threads/" + thread + "/runs/" + run + "/steps?order=asc", null);
		JsonNode call = steps.at("/data/0/step_details/tool_calls/0");
		assertThat(steps.at("/data/0/status").asString()).isEqualTo("completed");
		assertThat(call.path("id").asString()).isEqualTo("call_search");
		assertThat(call.path("type").asString()).isEqualTo("file_search");
		assertJson(call.at("/file_search/ranking_options"),
			"{\"ranker\":\"default_2024_08_21\",\"score_threshold\":0.0}");
		assertThat(call.at("/file_search/results/0/file_id").asString()).isEqualTo(policy);
		assertThat(call.at("/file_search/results/0/file_name").asString()).isEqualTo("policy.txt");
		assertThat(call.at("/file_search/results/0/score").asDouble()).isBetween(0.0, 1.0);
		assertThat(call.at("/file_search/results/0").has("content")).as("only when included").isFalse();
		JsonNode included = this.api.ok("GET", "/threads/" + thread + "/runs/" + run + "/steps?order=asc&include[]="
				+ "step_details.tool_calls[*].file_search.results[*].content", null);
		assertJson(included.at("/data/0/step_details/tool_calls/0/file_search/results/0/content"),
			"[{\"type\":\"text\",\"text\":\"Refunds are accepted within 30 days of purchase with a receipt.\"}]");
		// the model's second turn saw the results, with their markers
		assertThat(this.model.requests()).hasSize(2);
		assertThat(this.model.requests().get(1).steps()).hasSize(1);
	}

	@Test
	void attachmentsForFileSearchGoToTheThreadsVectorStore() {
		String file = upload("manual.txt", "Hold the power button for ten seconds to reset the device.");
		JsonNode thread = this.api.ok("POST", "/threads", """
				{"messages":[{"role":"user","content":"How do I reset it?",
				 "attachments":[{"file_id":"%s","tools":[{"type":"file_search"}]}]}]}""".formatted(file));
		JsonNode ids = thread.at("/tool_resources/file_search/vector_store_ids");
		assertThat(ids).hasSize(1);
		String vectorStore = ids.get(0).asString();
		awaitVectorStore(vectorStore);
		assertThat(fileIds(search(vectorStore, "{\"query\":\"reset the device\"}"))).containsExactly(file);
		String second = upload("faq.txt", "Batteries last two days.");
		this.api.ok("POST", "/threads/" + thread.path("id").asString() + "/messages", """
				{"role":"user","content":"And this?","attachments":[{"file_id":"%s","tools":[{"type":"file_search"}]}]}"""
			.formatted(second));
		assertJson(this.api.ok("GET", "/threads/" + thread.path("id").asString(), null)
			.at("/tool_resources/file_search/vector_store_ids"), "[\"" + vectorStore + "\"]");
		assertThat(ids(this.api.ok("GET", "/vector_stores/" + vectorStore + "/files?order=asc", null)))
			.containsExactly(file, second);

		JsonNode helper = this.api.ok("POST", "/assistants", """
				{"model":"gpt-4o","tools":[{"type":"file_search"}],
				 "tool_resources":{"file_search":{"vector_stores":[{"file_ids":["%s"]}]}}}""".formatted(file));
		JsonNode created = helper.at("/tool_resources/file_search");
		assertThat(created.has("vector_stores")).isFalse();
		assertThat(created.path("vector_store_ids")).hasSize(1);
		assertThat(awaitVectorStore(created.at("/vector_store_ids/0").asString()).at("/file_counts/completed").asInt())
			.isEqualTo(1);
		assertThat(this.api.post("/assistants", "{\"model\":\"gpt-4o\",\"tool_resources\":{\"file_search\":"
				+ "{\"vector_store_ids\":[\"vs_missing\"]}}}").status()).isEqualTo(400);
	}

	private String upload(String filename, String text) {
		return upload(this.api, filename, text);
	}

	private static String upload(Api caller, String filename, String text) {
		return caller.postForm("/files", Map.of("purpose", "assistants"),
				new FormFile("file", filename, "text/plain", text.getBytes(StandardCharsets.UTF_8))).json().path("id")
			.asString();
	}

	private JsonNode search(String vectorStoreId, String body) {
		return this.api.ok("POST", "/vector_stores/" + vectorStoreId + "/search", body);
	}

	private static List<String> fileIds(JsonNode page) {
		List<String> ids = new ArrayList<>();
		page.path("data").forEach((result) -> ids.add(result.path("file_id").asString()));
		return ids;
	}

	private JsonNode awaitVectorStore(String id) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.api.ok("GET", "/vector_stores/" + id, null),
					(store) -> store.at("/file_counts/in_progress").asInt() == 0);
	}

	/** The JSON is the expected, whatever order a store keeps its fields in. */
	private static void assertJson(JsonNode actual, String expected) {
		assertThat(actual).isEqualTo(JSON.readTree(expected));
	}

	private static void assertBadRequest(Response response, String param, String code) {
		assertThat(response.status()).as(response.text()).isEqualTo(400);
		JsonNode error = response.error();
		assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
		assertThat(error.path("message").asString()).isNotBlank();
		if (param != null) {
			assertThat(error.path("param").asString(null)).as(response.text()).isEqualTo(param);
		}
		if (code != null) {
			assertThat(error.path("code").asString(null)).as(response.text()).isEqualTo(code);
		}
	}

}
