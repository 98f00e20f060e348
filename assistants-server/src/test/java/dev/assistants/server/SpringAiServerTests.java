package dev.assistants.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.FunctionTool;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import com.openai.models.beta.threads.runs.RequiredActionFunctionToolCall;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.RunSubmitToolOutputsParams;
import org.junit.jupiter.api.Test;

import dev.assistants.engine.model.AssistantModel;
import dev.assistants.model.springai.FakeChatCompletions;
import dev.assistants.model.springai.SpringAiModel;

import static dev.assistants.model.springai.FakeChatCompletions.arguments;
import static dev.assistants.model.springai.FakeChatCompletions.call;
import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static dev.assistants.model.springai.FakeChatCompletions.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with {@code assistants.server.model=spring-ai}, answering runs through Spring AI's
 * OpenAI module from a fake Chat Completions endpoint, driven by the official openai-java SDK: a
 * streamed run with a function-call round trip, its text arriving delta by delta.
 */
class SpringAiServerTests {

	@Test
	void answersAStreamedRunWithAFunctionCallFromTheChatModel() {
		try (FakeChatCompletions provider = new FakeChatCompletions();
				RunningServer server = RunningServer.inMemory("assistants.server.model=spring-ai",
						"spring.ai.openai.base-url=" + provider.baseUrl(), "spring.ai.openai.api-key=sk-provider",
						"spring.ai.openai.max-retries=0", "assistants.server.model-aliases.gpt-4o=llama3.2")) {
			assertThat(server.bean(AssistantModel.class)).isInstanceOf(SpringAiModel.class);
			provider.answer(call(0, "call_1", "order_status"), arguments(0, "{\"order_id\":\"42\"}"), finish("tool_calls"),
					usage(40, 9));
			provider.answer(text("Order 42 "), text("has "), text("shipped."), finish("stop"), usage(60, 5));
			OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("any").maxRetries(0).build();
			Assistant assistant = client.beta()
				.assistants()
				.create(AssistantCreateParams.builder()
					.model("gpt-4o")
					.instructions("You track orders.")
					.addTool(FunctionTool.builder()
						.function(FunctionDefinition.builder()
							.name("order_status")
							.parameters(FunctionParameters.builder()
								.putAdditionalProperty("type", JsonValue.from("object"))
								.putAdditionalProperty("properties", JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
								.build())
							.build())
						.build())
					.build());

			List<AssistantStreamEvent> first;
			try (StreamResponse<AssistantStreamEvent> stream = client.beta()
				.threads()
				.createAndRunStreaming(ThreadCreateAndRunParams.builder()
					.assistantId(assistant.id())
					.thread(ThreadCreateAndRunParams.Thread.builder()
						.addMessage(ThreadCreateAndRunParams.Thread.Message.builder()
							.role(ThreadCreateAndRunParams.Thread.Message.Role.USER)
							.content("Where is order 42?")
							.build())
						.build())
					.build())) {
				first = stream.stream().toList();
			}
			Run waiting = first.stream()
				.filter(AssistantStreamEvent::isThreadRunRequiresAction)
				.findFirst()
				.orElseThrow()
				.asThreadRunRequiresAction()
				.data();
			RequiredActionFunctionToolCall toolCall = waiting.requiredAction().orElseThrow().submitToolOutputs().toolCalls().get(0);
			assertThat(toolCall.id()).isEqualTo("call_1");
			assertThat(toolCall.function().name()).isEqualTo("order_status");
			assertThat(toolCall.function().arguments()).isEqualTo("{\"order_id\":\"42\"}");

			List<String> deltas = new ArrayList<>();
			Run done;
			try (StreamResponse<AssistantStreamEvent> stream = client.beta()
				.threads()
				.runs()
				.submitToolOutputsStreaming(RunSubmitToolOutputsParams.builder()
					.threadId(waiting.threadId())
					.runId(waiting.id())
					.addToolOutput(RunSubmitToolOutputsParams.ToolOutput.builder().toolCallId("call_1").output("shipped").build())
					.build())) {
				List<AssistantStreamEvent> events = stream.stream().toList();
				events.stream()
					.flatMap((event) -> event.threadMessageDelta().stream())
					.flatMap((delta) -> delta.data().delta().content().stream().flatMap(List::stream))
					.forEach((content) -> content.text().flatMap((text) -> text.text()).flatMap((text) -> text.value())
						.ifPresent(deltas::add));
				done = events.stream().filter(AssistantStreamEvent::isThreadRunCompleted).findFirst().orElseThrow()
					.asThreadRunCompleted().data();
			}
			assertThat(deltas).containsExactly("Order 42 ", "has ", "shipped.");
			assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(done.usage().orElseThrow().totalTokens()).isEqualTo(114);
			assertThat(provider.requests()).hasSize(2);
			assertThat(provider.requests().get(0).path("model").asString()).isEqualTo("llama3.2");
			assertThat(provider.requests().get(0).at("/messages/0/content").toString()).contains("You track orders.");
			assertThat(provider.requests().get(1).at("/messages/3/role").asString()).isEqualTo("tool");
		}
	}

}
