package dev.assistants.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;

import static dev.assistants.engine.ApiObjects.NODES;

/**
 * The {@code file_search} tool of runs, which the server executes itself: a call searches the
 * vector stores of the run's thread and assistant ({@code tool_resources.file_search}) with the
 * run's {@code max_num_results} (20 unless set) and {@code ranking_options}, and becomes a
 * {@code file_search} tool call of the run's step, its results with their content.
 */
final class FileSearchTool {

	private static final String TYPE = "file_search";

	/** The results of a search unless the run's tool says, as OpenAI gave its newer models. */
	private static final int DEFAULT_MAX_RESULTS = 20;

	/** The ranker a step reports for {@code auto}. */
	private static final String DEFAULT_RANKER = "default_2024_08_21";

	private final AssistantsStore store;

	private final FileSearch search;

	private final VectorStoreOperations vectorStores;

	private final JsonMapper json = JsonMapper.builder().build();

	FileSearchTool(AssistantsStore store, FileSearch search, VectorStoreOperations vectorStores) {
		this.store = store;
		this.search = search;
		this.vectorStores = vectorStores;
	}

	/**
	 * Execute a call of the tool.
	 * @param ref the run
	 * @param callId the call's ID
	 * @param arguments the model's arguments, {@code {"query": "..."}}
	 * @return the step's tool call, with the results
	 */
	ObjectNode search(RunRef ref, String callId, String arguments) {
		String query = query(arguments);
		Settings settings = this.store.inTransaction((tx) -> {
			ObjectNode run = Lookups.run(tx, ref.project(), ref.threadId(), ref.runId());
			Set<String> vectorStoreIds = new LinkedHashSet<>();
			tx.find(ObjectKind.THREAD, ref.project(), ref.threadId())
				.ifPresent((thread) -> addVectorStores(thread, vectorStoreIds));
			tx.find(ObjectKind.ASSISTANT, ref.project(), run.path("assistant_id").asString())
				.ifPresent((assistant) -> addVectorStores(assistant, vectorStoreIds));
			List<String> usable = new ArrayList<>();
			for (String vectorStoreId : vectorStoreIds) {
				try {
					this.vectorStores.touch(tx, ref.project(), vectorStoreId);
					usable.add(vectorStoreId);
				}
				catch (ApiException ex) {
					// deleted or expired since it was named: nothing to search there
				}
			}
			JsonNode tool = NODES.objectNode();
			for (JsonNode candidate : run.path("tools")) {
				if (TYPE.equals(candidate.path("type").asString())) {
					tool = candidate.path("file_search");
				}
			}
			return new Settings(usable, tool.path("max_num_results").asInt(DEFAULT_MAX_RESULTS),
					tool.path("ranking_options").path("score_threshold").asDouble(0),
					tool.path("ranking_options").path("ranker").asString("auto"));
		});
		List<FileSearch.Result> results = (settings.vectorStoreIds.isEmpty() || query.isBlank()) ? List.of()
				: this.search.search(ref.project(), settings.vectorStoreIds, List.of(query), settings.maxResults,
						settings.scoreThreshold, null);
		ObjectNode call = NODES.objectNode().put("id", callId).put("type", "file_search");
		ObjectNode fileSearch = call.putObject("file_search");
		fileSearch.putObject("ranking_options")
			.put("ranker", "auto".equals(settings.ranker) ? DEFAULT_RANKER : settings.ranker)
			.put("score_threshold", settings.scoreThreshold);
		ArrayNode found = fileSearch.putArray("results");
		for (FileSearch.Result result : results) {
			ObjectNode item = found.addObject()
				.put("file_id", result.fileId())
				.put("file_name", result.filename())
				.put("score", result.score());
			item.putArray("content").addObject().put("type", "text").put("text", result.text());
		}
		return call;
	}

	/** The query the model asked for: its {@code query}, or its arguments whole if they are not JSON. */
	private String query(String arguments) {
		try {
			JsonNode parsed = this.json.readTree(arguments);
			return (parsed != null && parsed.path("query").isString()) ? parsed.path("query").asString() : arguments;
		}
		catch (RuntimeException ex) {
			return arguments;
		}
	}

	private static void addVectorStores(JsonNode owner, Set<String> vectorStoreIds) {
		for (JsonNode id : owner.at("/tool_resources/file_search/vector_store_ids")) {
			vectorStoreIds.add(id.asString());
		}
	}

	private record Settings(List<String> vectorStoreIds, int maxResults, double scoreThreshold, String ranker) {
	}

}
