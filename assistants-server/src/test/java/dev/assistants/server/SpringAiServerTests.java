package dev.assistants.server;

import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.threads.runs.RequiredActionFunctionToolCall;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.model.ChatModel;

import dev.assistants.engine.model.AssistantModel;
import dev.assistants.model.springai.FakeChatCompletions;
import dev.assistants.model.springai.OpenAiCompatibleChatModel;
import dev.assistants.model.springai.SpringAiModel;

import static dev.assistants.model.springai.FakeChatCompletions.arguments;
import static dev.assistants.model.springai.FakeChatCompletions.call;
import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static dev.assistants.model.springai.FakeChatCompletions.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with {@code assistants.server.model=spring-ai}, answering runs from a fake Chat
 * Completions endpoint through its default chat model ({@link OpenAiCompatibleChatModel}) and through
 * Spring AI's own OpenAI module, driven by the official openai-java SDK: a streamed run with a
 * function-call round trip, its text arriving delta by delta.
 */
class SpringAiServerTests {

	@ParameterizedTest
	@CsvSource({ "'', dev.assistants.model.springai.OpenAiCompatibleChatModel",
			"spring.ai.model.chat=openai, org.springframework.ai.openai.OpenAiChatModel" })
	void answersAStreamedRunWithAFunctionCallFromTheChatModel(String selection, Class<?> chatModel) {
		try (FakeChatCompletions provider = new FakeChatCompletions();
				RunningServer server = RunningServer.inMemory(RunningServer.withSpringAi(provider,
						"assistants.server.model-aliases.gpt-4o=llama3.2", selection))) {
			assertThat(server.bean(AssistantModel.class)).isInstanceOf(SpringAiModel.class);
			assertThat(server.bean(ChatModel.class)).isInstanceOf(chatModel);
			provider.answer(call(0, "call_1", "order_status"), arguments(0, "{\"order_id\":\"42\"}"), finish("tool_calls"),
					usage(40, 9));
			provider.answer(text("Order 42 "), text("has "), text("shipped."), finish("stop"), usage(60, 5));
			OpenAIClient client = OpenAiSdk.client(server, "any");
			Assistant assistant = client.beta()
				.assistants()
				.create(AssistantCreateParams.builder()
					.model("gpt-4o")
					.instructions("You track orders.")
					.addTool(OpenAiSdk.orderStatusTool())
					.build());
			Run waiting = OpenAiSdk.requiringAction(OpenAiSdk.createAndRunStreaming(client, assistant.id(), "Where is order 42?"));
			RequiredActionFunctionToolCall toolCall = waiting.requiredAction().orElseThrow().submitToolOutputs().toolCalls().get(0);
			assertThat(toolCall.id()).isEqualTo("call_1");
			assertThat(toolCall.function().name()).isEqualTo("order_status");
			assertThat(toolCall.function().arguments()).isEqualTo("{\"order_id\":\"42\"}");

			List<AssistantStreamEvent> events = OpenAiSdk.submitToolOutputStreaming(client, waiting, "call_1", "shipped");
			assertThat(OpenAiSdk.textDeltas(events)).containsExactly("Order 42 ", "has ", "shipped.");
			Run done = OpenAiSdk.completed(events);
			assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(done.usage().orElseThrow().totalTokens()).isEqualTo(114);
			assertThat(provider.requests()).hasSize(2);
			assertThat(provider.requests().get(0).path("model").asString()).isEqualTo("llama3.2");
			assertThat(provider.requests().get(0).at("/messages/0/content").toString()).contains("You track orders.");
			assertThat(provider.requests().get(1).at("/messages/3/role").asString()).isEqualTo("tool");
		}
	}

}
