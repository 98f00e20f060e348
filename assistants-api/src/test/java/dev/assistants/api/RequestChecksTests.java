package dev.assistants.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The specification's limits on request fields fail a request when it is created, so nothing is
 * ever sent with them.
 */
class RequestChecksTests {

	@Test
	void metadataHasAtMost16Keys() {
		Map<String, String> metadata = new HashMap<>();
		IntStream.range(0, 17).forEach((i) -> metadata.put("k" + i, "v"));
		assertRejected(() -> new ModifyRunRequest(metadata), "metadata must have at most 16 keys but has 17");
		metadata.remove("k0");
		assertThatNoException().isThrownBy(() -> new ModifyRunRequest(metadata));
	}

	@Test
	void metadataKeysHaveAtMost64Characters() {
		assertRejected(() -> new ModifyMessageRequest(Map.of("k".repeat(65), "v")),
				"metadata keys must have at most 64 characters but 'kkkkkkkkkkkkkkkkkkkk...' has more");
		assertThatNoException().isThrownBy(() -> new ModifyMessageRequest(Map.of("k".repeat(64), "v")));
	}

	@Test
	void metadataValuesHaveAtMost512Characters() {
		assertRejected(() -> CreateMessageRequest.user("Hi").withMetadata(Map.of("k", "v".repeat(513))),
				"metadata values must have at most 512 characters but the value of 'k' has 513");
		assertThatNoException().isThrownBy(() -> new ModifyThreadRequest(null, Map.of("k", "v".repeat(512))));
	}

	@Test
	void temperatureIsBetween0And2() {
		assertRejected(() -> CreateRunRequest.builder("asst_1").temperature(2.01).build(),
				"temperature must be between 0 and 2 but was 2.01");
		assertRejected(() -> CreateAssistantRequest.builder("gpt-4o").temperature(-0.1).build(),
				"temperature must be between 0 and 2 but was -0.1");
		assertThatNoException().isThrownBy(() -> ModifyAssistantRequest.builder().temperature(2.0).build());
	}

	@Test
	void topPIsBetween0And1() {
		assertRejected(() -> CreateThreadAndRunRequest.builder("asst_1").topP(1.5).build(),
				"top_p must be between 0 and 1 but was 1.5");
		assertThatNoException().isThrownBy(() -> CreateThreadAndRunRequest.builder("asst_1").topP(0.0).build());
	}

	@Test
	void tokenLimitsAreAtLeast256() {
		assertRejected(() -> CreateRunRequest.builder("asst_1").maxPromptTokens(255).build(),
				"max_prompt_tokens must be at least 256 but was 255");
		assertRejected(() -> CreateThreadAndRunRequest.builder("asst_1").maxCompletionTokens(0).build(),
				"max_completion_tokens must be at least 256 but was 0");
	}

	@Test
	void assistantTextsAndToolsHaveTheirLimits() {
		assertRejected(() -> CreateAssistantRequest.builder("gpt-4o").name("n".repeat(257)).build(),
				"name must have at most 256 characters but has 257");
		assertRejected(() -> ModifyAssistantRequest.builder().description("d".repeat(513)).build(),
				"description must have at most 512 characters but has 513");
		List<AssistantTool> tools = IntStream.range(0, 21).mapToObj((i) -> (AssistantTool) new AssistantToolsCode()).toList();
		assertRejected(() -> CreateRunRequest.builder("asst_1").tools(tools).build(),
				"tools must have at most 20 elements but has 21");
		assertThatNoException().isThrownBy(() -> CreateAssistantRequest.builder("gpt-4o").tools(tools).build());
	}

	@Test
	void fileSearchToolSettingsHaveTheirLimits() {
		assertRejected(
				() -> CreateAssistantRequest.builder("gpt-4o")
					.tools(new AssistantToolsFileSearch(new AssistantToolsFileSearch.FileSearch(51, null)))
					.build(),
				"file_search.max_num_results must be between 1 and 50 but was 51");
		assertRejected(() -> CreateRunRequest.builder("asst_1")
			.tools(new AssistantToolsFileSearch(
					new AssistantToolsFileSearch.FileSearch(null, new FileSearchRankingOptions(FileSearchRanker.AUTO, 1.5))))
			.build(), "file_search.ranking_options.score_threshold must be between 0 and 1 but was 1.5");
		assertThatNoException().isThrownBy(() -> ModifyAssistantRequest.builder()
			.tools(new AssistantToolsFileSearch(
					new AssistantToolsFileSearch.FileSearch(50, new FileSearchRankingOptions(null, 1.0))))
			.build());
	}

	@Test
	void truncationKeepsAtLeastOneMessage() {
		assertRejected(() -> CreateRunRequest.builder("asst_1").truncationStrategy(TruncationObject.lastMessages(0)).build(),
				"truncation_strategy.last_messages must be at least 1 but was 0");
		assertThatNoException().isThrownBy(() -> CreateThreadAndRunRequest.builder("asst_1")
			.truncationStrategy(TruncationObject.lastMessages(1))
			.build());
	}

	@Test
	void toolResourcesHaveTheirLimits() {
		List<String> files = IntStream.range(0, 21).mapToObj((i) -> "file-" + i).toList();
		ToolResources.CodeInterpreter tooManyFiles = new ToolResources.CodeInterpreter(files);
		assertRejected(() -> ModifyAssistantRequest.builder().toolResources(new ToolResources(tooManyFiles, null)).build(),
				"tool_resources.code_interpreter.file_ids must have at most 20 elements but has 21");
		assertRejected(() -> new CreateToolResources(tooManyFiles, null),
				"tool_resources.code_interpreter.file_ids must have at most 20 elements but has 21");
		assertRejected(() -> new ModifyThreadRequest(
				new ToolResources(null, new ToolResources.FileSearch(List.of("vs_1", "vs_2"))), null),
				"tool_resources.file_search.vector_store_ids must have at most 1 elements but has 2");
		assertRejected(() -> CreateThreadAndRunRequest.builder("asst_1")
			.toolResources(new ToolResources(null, new ToolResources.FileSearch(List.of("vs_1", "vs_2"))))
			.build(), "tool_resources.file_search.vector_store_ids must have at most 1 elements but has 2");
		assertThatNoException().isThrownBy(() -> new CreateToolResources(
				new ToolResources.CodeInterpreter(files.subList(0, 20)), new CreateToolResources.FileSearch(List.of("vs_1"), null)));
	}

	@Test
	void aNewVectorStoreIsGivenByIdOrCreatedNotBoth() {
		CreateToolResources.VectorStore store = new CreateToolResources.VectorStore(List.of("file-1"), null, null);
		assertRejected(() -> new CreateToolResources.FileSearch(List.of("vs_1"), List.of(store)),
				"tool_resources.file_search must have exactly one of vector_store_ids and vector_stores");
		assertRejected(() -> new CreateToolResources.FileSearch(null, null),
				"tool_resources.file_search must have exactly one of vector_store_ids and vector_stores");
		assertRejected(() -> new CreateToolResources.FileSearch(null, List.of(store, store)),
				"tool_resources.file_search.vector_stores must have at most 1 elements but has 2");
	}

	@Test
	void staticChunksHaveTheirSizes() {
		assertRejected(() -> new StaticChunkingStrategyRequestParam.Static(99, 0),
				"max_chunk_size_tokens must be between 100 and 4096 but was 99");
		assertRejected(() -> new StaticChunkingStrategyRequestParam.Static(4097, 0),
				"max_chunk_size_tokens must be between 100 and 4096 but was 4097");
		assertRejected(() -> new StaticChunkingStrategyRequestParam.Static(800, 401),
				"chunk_overlap_tokens must be between 0 and 400 but was 401");
		assertThatNoException().isThrownBy(() -> new StaticChunkingStrategyRequestParam.Static(800, 400));
	}

	@Test
	void toolOutputsAreNotEmpty() {
		assertRejected(() -> SubmitToolOutputsRunRequest.of(List.of()), "tool_outputs must not be empty");
	}

	private static void assertRejected(Executable creation, String message) {
		assertThatIllegalArgumentException().isThrownBy(creation::execute).withMessage(message);
	}

}
