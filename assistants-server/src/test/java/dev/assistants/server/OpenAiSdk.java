package dev.assistants.server;

import java.util.List;
import java.util.Map;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.FunctionTool;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunSubmitToolOutputsParams;

/**
 * The official openai-java SDK as an application uses it against the server: its client, a
 * function tool, and streamed runs read to their end.
 */
final class OpenAiSdk {

	private OpenAiSdk() {
	}

	static OpenAIClient client(RunningServer server, String key) {
		return OpenAIOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey(key).maxRetries(0).build();
	}

	/** The function {@code order_status(order_id)}. */
	static FunctionTool orderStatusTool() {
		return FunctionTool.builder()
			.function(FunctionDefinition.builder()
				.name("order_status")
				.description("The status of an order")
				.parameters(FunctionParameters.builder()
					.putAdditionalProperty("type", JsonValue.from("object"))
					.putAdditionalProperty("properties", JsonValue.from(Map.of("order_id", Map.of("type", "string"))))
					.build())
				.build())
			.build();
	}

	/** The events of a new thread with this user message, run and streamed to its end. */
	static List<AssistantStreamEvent> createAndRunStreaming(OpenAIClient client, String assistantId, String message) {
		try (StreamResponse<AssistantStreamEvent> stream = client.beta()
			.threads()
			.createAndRunStreaming(ThreadCreateAndRunParams.builder()
				.assistantId(assistantId)
				.thread(ThreadCreateAndRunParams.Thread.builder()
					.addMessage(ThreadCreateAndRunParams.Thread.Message.builder()
						.role(ThreadCreateAndRunParams.Thread.Message.Role.USER)
						.content(message)
						.build())
					.build())
				.build())) {
			return stream.stream().toList();
		}
	}

	/** The events of a run given one tool output, streamed to its end. */
	static List<AssistantStreamEvent> submitToolOutputStreaming(OpenAIClient client, Run run, String callId,
			String output) {
		try (StreamResponse<AssistantStreamEvent> stream = client.beta()
			.threads()
			.runs()
			.submitToolOutputsStreaming(RunSubmitToolOutputsParams.builder()
				.threadId(run.threadId())
				.runId(run.id())
				.addToolOutput(RunSubmitToolOutputsParams.ToolOutput.builder().toolCallId(callId).output(output).build())
				.build())) {
			return stream.stream().toList();
		}
	}

	/** The run of the stream's {@code thread.run.requires_action}. */
	static Run requiringAction(List<AssistantStreamEvent> events) {
		return events.stream()
			.filter(AssistantStreamEvent::isThreadRunRequiresAction)
			.findFirst()
			.orElseThrow()
			.asThreadRunRequiresAction()
			.data();
	}

	/** The run of the stream's {@code thread.run.completed}. */
	static Run completed(List<AssistantStreamEvent> events) {
		return events.stream()
			.filter(AssistantStreamEvent::isThreadRunCompleted)
			.findFirst()
			.orElseThrow()
			.asThreadRunCompleted()
			.data();
	}

	/** The text of each {@code thread.message.delta}, in order. */
	static List<String> textDeltas(List<AssistantStreamEvent> events) {
		return events.stream()
			.flatMap((event) -> event.threadMessageDelta().stream())
			.flatMap((delta) -> delta.data().delta().content().stream().flatMap(List::stream))
			.flatMap((content) -> content.text().flatMap((text) -> text.text()).flatMap((text) -> text.value()).stream())
			.toList();
	}

}
