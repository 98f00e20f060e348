package dev.assistants.client.model;

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
	void toolOutputsAreNotEmpty() {
		assertRejected(() -> SubmitToolOutputsRunRequest.of(List.of()), "tool_outputs must not be empty");
	}

	private static void assertRejected(Executable creation, String message) {
		assertThatIllegalArgumentException().isThrownBy(creation::execute).withMessage(message);
	}

}
