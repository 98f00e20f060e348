package dev.assistants.api;

import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The limits the specification sets on request fields, checked when a request is created so that a
 * bad value fails before anything is sent. Response records are not checked: a server that bends a
 * limit must not break reading its answer.
 */
final class RequestChecks {

	static final int METADATA_MAX_KEYS = 16;

	static final int METADATA_MAX_KEY_LENGTH = 64;

	static final int METADATA_MAX_VALUE_LENGTH = 512;

	private RequestChecks() {
	}

	/**
	 * The limits of an assistant's settings, shared by {@code CreateAssistantRequest} and
	 * {@code ModifyAssistantRequest}.
	 */
	static void assistant(@Nullable String name, @Nullable String description, @Nullable String instructions,
			@Nullable Collection<? extends AssistantTool> tools, @Nullable Map<String, String> metadata, @Nullable Double temperature,
			@Nullable Double topP) {
		maxLength("name", name, 256);
		maxLength("description", description, 512);
		maxLength("instructions", instructions, 256_000);
		tools(tools, 128);
		sampling(metadata, temperature, topP);
	}

	/**
	 * The limits of a run's settings, shared by {@code CreateRunRequest} and
	 * {@code CreateThreadAndRunRequest}.
	 */
	static void run(@Nullable Collection<? extends AssistantTool> tools, @Nullable Map<String, String> metadata,
			@Nullable Double temperature, @Nullable Double topP, @Nullable Integer maxPromptTokens,
			@Nullable Integer maxCompletionTokens, @Nullable TruncationObject truncationStrategy) {
		tools(tools, 20);
		sampling(metadata, temperature, topP);
		atLeast("max_prompt_tokens", maxPromptTokens, 256);
		atLeast("max_completion_tokens", maxCompletionTokens, 256);
		if (truncationStrategy != null) {
			atLeast("truncation_strategy.last_messages", truncationStrategy.lastMessages(), 1);
		}
	}

	/**
	 * The limits of a list of tools: its size, and the settings of a {@code file_search} tool.
	 */
	private static void tools(@Nullable Collection<? extends AssistantTool> tools, int max) {
		maxSize("tools", tools, max);
		if (tools == null) {
			return;
		}
		for (AssistantTool tool : tools) {
			if (tool instanceof AssistantToolsFileSearch fileSearchTool && fileSearchTool.fileSearch() != null) {
				AssistantToolsFileSearch.FileSearch fileSearch = fileSearchTool.fileSearch();
				range("file_search.max_num_results", fileSearch.maxNumResults(), 1, 50);
				if (fileSearch.rankingOptions() != null) {
					range("file_search.ranking_options.score_threshold", fileSearch.rankingOptions().scoreThreshold(),
							0, 1);
				}
			}
		}
	}

	/**
	 * The limits of the tool resources given to an assistant, a thread or a run.
	 */
	static void toolResources(@Nullable ToolResources toolResources) {
		if (toolResources != null) {
			codeInterpreterFiles(toolResources.codeInterpreter());
			if (toolResources.fileSearch() != null) {
				vectorStoreIds(toolResources.fileSearch().vectorStoreIds());
			}
		}
	}

	static void codeInterpreterFiles(ToolResources.@Nullable CodeInterpreter codeInterpreter) {
		if (codeInterpreter != null) {
			maxSize("tool_resources.code_interpreter.file_ids", codeInterpreter.fileIds(), 20);
		}
	}

	static void vectorStoreIds(@Nullable Collection<String> vectorStoreIds) {
		maxSize("tool_resources.file_search.vector_store_ids", vectorStoreIds, 1);
	}

	private static void sampling(@Nullable Map<String, String> metadata, @Nullable Double temperature,
			@Nullable Double topP) {
		metadata(metadata);
		range("temperature", temperature, 0, 2);
		range("top_p", topP, 0, 1);
	}

	static void metadata(@Nullable Map<String, String> metadata) {
		if (metadata == null) {
			return;
		}
		Assert.isTrue(metadata.size() <= METADATA_MAX_KEYS,
				() -> "metadata must have at most 16 keys but has " + metadata.size());
		metadata.forEach((key, value) -> {
			Assert.isTrue(key != null && key.length() <= METADATA_MAX_KEY_LENGTH,
					() -> "metadata keys must have at most 64 characters but '" + abbreviate(key) + "' has more");
			Assert.isTrue(value != null && value.length() <= METADATA_MAX_VALUE_LENGTH,
					() -> "metadata values must have at most 512 characters but the value of '" + abbreviate(key)
							+ "' " + ((value != null) ? "has " + value.length() : "is null"));
		});
	}

	/** The attributes of a file in a vector store: as many as metadata, values strings, numbers or booleans. */
	static void attributes(@Nullable Map<String, Object> attributes) {
		if (attributes == null) {
			return;
		}
		Assert.isTrue(attributes.size() <= METADATA_MAX_KEYS,
				() -> "attributes must have at most 16 keys but has " + attributes.size());
		attributes.forEach((key, value) -> {
			Assert.isTrue(key != null && key.length() <= METADATA_MAX_KEY_LENGTH,
					() -> "attributes keys must have at most 64 characters but '" + abbreviate(key) + "' has more");
			Assert.isTrue(value instanceof String || value instanceof Number || value instanceof Boolean,
					() -> "attributes values must be strings, numbers or booleans but the value of '" + abbreviate(key)
							+ "' is not");
			Assert.isTrue(!(value instanceof String text) || text.length() <= METADATA_MAX_VALUE_LENGTH,
					() -> "attributes values must have at most 512 characters but the value of '" + abbreviate(key)
							+ "' has more");
		});
	}

	static void range(String name, @Nullable Double value, double min, double max) {
		Assert.isTrue(value == null || (value >= min && value <= max),
				() -> name + " must be between " + format(min) + " and " + format(max) + " but was " + value);
	}

	static void range(String name, @Nullable Integer value, int min, int max) {
		Assert.isTrue(value == null || (value >= min && value <= max),
				() -> name + " must be between " + min + " and " + max + " but was " + value);
	}

	static void atLeast(String name, @Nullable Integer value, int min) {
		Assert.isTrue(value == null || value >= min, () -> name + " must be at least " + min + " but was " + value);
	}

	static void maxLength(String name, @Nullable String value, int max) {
		Assert.isTrue(value == null || value.length() <= max,
				() -> name + " must have at most " + max + " characters but has " + value.length());
	}

	static void maxSize(String name, @Nullable Collection<?> values, int max) {
		Assert.isTrue(values == null || values.size() <= max,
				() -> name + " must have at most " + max + " elements but has " + values.size());
	}

	private static String abbreviate(@Nullable String text) {
		return (text == null || text.length() <= 20) ? String.valueOf(text) : text.substring(0, 20) + "...";
	}

	private static String format(double number) {
		return (number == Math.rint(number)) ? String.valueOf((long) number) : String.valueOf(number);
	}

}
