package dev.assistants.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantListParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.AssistantUpdateParams;
import com.openai.models.beta.threads.Thread;
import com.openai.models.beta.threads.ThreadCreateAndRunParams;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.ThreadUpdateParams;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.messages.MessageDeleteParams;
import com.openai.models.beta.threads.messages.MessageRetrieveParams;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.beta.threads.messages.MessageUpdateParams;
import com.openai.models.beta.threads.runs.RequiredActionFunctionToolCall;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunCancelParams;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.RunListParams;
import com.openai.models.beta.threads.runs.RunRetrieveParams;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.RunUpdateParams;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.StepListParams;
import com.openai.models.beta.threads.runs.steps.StepRetrieveParams;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official openai-java SDK against the server on PostgreSQL, unchanged but for its base URL and
 * key: all 23 operations, pagination both ways, a streamed run with a function call, and its error
 * types.
 */
class OpenAiJavaSdkTests {

	private static final String KEY = "sk-sdk-test-key";

	private static RunningServer server;

	private static OpenAIClient client;

	@BeforeAll
	static void start() {
		server = RunningServer.onPostgres("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=sdk");
		client = OpenAiSdk.client(server, KEY);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void everyOperation() {
		Assistant assistant = client.beta()
			.assistants()
			.create(AssistantCreateParams.builder()
				.model("gpt-4o")
				.name("Shop")
				.instructions("Help.")
				.addTool(OpenAiSdk.orderStatusTool())
				.build());
		assertThat(assistant.id()).startsWith("asst_");
		assertThat(client.beta().assistants().retrieve(assistant.id()).name()).hasValue("Shop");
		assertThat(client.beta()
			.assistants()
			.update(AssistantUpdateParams.builder().assistantId(assistant.id()).name("Shop 2").build())
			.name()).hasValue("Shop 2");
		assertThat(client.beta().assistants().list().data()).extracting(Assistant::id).contains(assistant.id());

		Thread thread = client.beta()
			.threads()
			.create(ThreadCreateParams.builder()
				.addMessage(ThreadCreateParams.Message.builder().role(ThreadCreateParams.Message.Role.USER).content("Hello").build())
				.build());
		assertThat(client.beta().threads().retrieve(thread.id()).id()).isEqualTo(thread.id());
		assertThat(client.beta()
			.threads()
			.update(ThreadUpdateParams.builder().threadId(thread.id()).metadata(ThreadUpdateParams.Metadata.builder().putAdditionalProperty("k", JsonValue.from("v")).build()).build())
			.metadata()
			.map((metadata) -> metadata._additionalProperties().get("k"))).hasValue(JsonValue.from("v"));

		Message message = client.beta()
			.threads()
			.messages()
			.create(MessageCreateParams.builder().threadId(thread.id()).role(MessageCreateParams.Role.USER).content("Again").build());
		assertThat(client.beta().threads().messages().retrieve(
				MessageRetrieveParams.builder().threadId(thread.id()).messageId(message.id()).build())
			.id()).isEqualTo(message.id());
		assertThat(client.beta()
			.threads()
			.messages()
			.update(MessageUpdateParams.builder().threadId(thread.id()).messageId(message.id()).metadata(MessageUpdateParams.Metadata.builder().putAdditionalProperty("seen", JsonValue.from("1")).build()).build())
			.id()).isEqualTo(message.id());

		Run run = client.beta().threads().runs().create(RunCreateParams.builder().threadId(thread.id()).assistantId(assistant.id()).build());
		Run completed = await(thread.id(), run.id(), RunStatus.COMPLETED);
		assertThat(completed.usage()).isPresent();
		assertThat(client.beta().threads().runs().list(thread.id()).data()).extracting(Run::id).containsExactly(run.id());
		assertThat(client.beta()
			.threads()
			.runs()
			.update(RunUpdateParams.builder().threadId(thread.id()).runId(run.id()).metadata(RunUpdateParams.Metadata.builder().putAdditionalProperty("r", JsonValue.from("1")).build()).build())
			.id()).isEqualTo(run.id());
		List<RunStep> steps = client.beta()
			.threads()
			.runs()
			.steps()
			.list(StepListParams.builder().threadId(thread.id()).runId(run.id()).build())
			.data();
		assertThat(steps).hasSize(1);
		assertThat(client.beta()
			.threads()
			.runs()
			.steps()
			.retrieve(StepRetrieveParams.builder().threadId(thread.id()).runId(run.id()).stepId(steps.get(0).id()).build())
			.id()).isEqualTo(steps.get(0).id());
		List<Message> messages = client.beta()
			.threads()
			.messages()
			.list(MessageListParams.builder().threadId(thread.id()).runId(run.id()).build())
			.data();
		assertThat(messages).singleElement().satisfies((reply) -> assertThat(text(reply)).isEqualTo("You said: Again"));

		Run second = client.beta()
			.threads()
			.createAndRun(ThreadCreateAndRunParams.builder()
				.assistantId(assistant.id())
				.thread(ThreadCreateAndRunParams.Thread.builder()
					.addMessage(ThreadCreateAndRunParams.Thread.Message.builder()
						.role(ThreadCreateAndRunParams.Thread.Message.Role.USER)
						.content("Status of order 7?")
						.build())
					.build())
				.build());
		await(second.threadId(), second.id(), RunStatus.REQUIRES_ACTION);
		Run cancelling = client.beta()
			.threads()
			.runs()
			.cancel(RunCancelParams.builder().threadId(second.threadId()).runId(second.id()).build());
		assertThat(cancelling.status()).isEqualTo(RunStatus.CANCELLING);
		assertThat(await(second.threadId(), second.id(), RunStatus.CANCELLED).cancelledAt()).isPresent();
		assertThatExceptionOfType(BadRequestException.class).as("a cancelled run").isThrownBy(() -> client.beta()
			.threads()
			.runs()
			.cancel(RunCancelParams.builder().threadId(second.threadId()).runId(second.id()).build()));

		assertThat(client.beta()
			.threads()
			.messages()
			.delete(MessageDeleteParams.builder().threadId(thread.id()).messageId(message.id()).build())
			.deleted()).isTrue();
		assertThat(client.beta().threads().delete(thread.id()).deleted()).isTrue();
		assertThat(client.beta().assistants().delete(assistant.id()).deleted()).isTrue();
	}

	@Test
	void pagesForwardAndBackward() {
		List<String> created = new ArrayList<>();
		Thread thread = client.beta().threads().create();
		for (int i = 0; i < 5; i++) {
			created.add(client.beta()
				.threads()
				.messages()
				.create(MessageCreateParams.builder().threadId(thread.id()).role(MessageCreateParams.Role.USER).content("m" + i).build())
				.id());
		}
		MessageListParams ascending = MessageListParams.builder().threadId(thread.id()).limit(2).order(MessageListParams.Order.ASC).build();
		List<String> walked = new ArrayList<>();
		client.beta().threads().messages().list(ascending).autoPager().forEach((message) -> walked.add(message.id()));
		assertThat(walked).isEqualTo(created);
		List<String> before = client.beta()
			.threads()
			.messages()
			.list(ascending.toBuilder().before(created.get(4)).build())
			.data()
			.stream()
			.map(Message::id)
			.toList();
		assertThat(before).as("the page just before m4").containsExactly(created.get(2), created.get(3));
		List<String> newestFirst = new ArrayList<>(created);
		Collections.reverse(newestFirst);
		assertThat(client.beta()
			.threads()
			.messages()
			.list(MessageListParams.builder().threadId(thread.id()).limit(2).before(created.get(0)).build())
			.data()).extracting(Message::id).containsExactly(created.get(2), created.get(1));
		List<String> desc = new ArrayList<>();
		client.beta()
			.threads()
			.messages()
			.list(MessageListParams.builder().threadId(thread.id()).limit(2).build())
			.autoPager()
			.forEach((message) -> desc.add(message.id()));
		assertThat(desc).isEqualTo(newestFirst);
		assertThat(client.beta().assistants().list(AssistantListParams.builder().limit(1).build()).data()).hasSizeLessThanOrEqualTo(1);
		assertThat(client.beta().threads().runs().list(RunListParams.builder().threadId(thread.id()).build()).data()).isEmpty();
	}

	@Test
	void streamsARunWithAFunctionCallRoundTrip() {
		Assistant assistant = client.beta()
			.assistants()
			.create(AssistantCreateParams.builder()
				.model("gpt-4o")
				.addTool(OpenAiSdk.orderStatusTool())
				.build());
		List<AssistantStreamEvent> first = OpenAiSdk.createAndRunStreaming(client, assistant.id(), "What is the status of order 42?");
		assertThat(first.get(0).isThreadCreated()).isTrue();
		Run waiting = OpenAiSdk.requiringAction(first);
		assertThat(first.stream().filter(AssistantStreamEvent::isThreadRunStepDelta)).isNotEmpty();
		RequiredActionFunctionToolCall call = waiting.requiredAction().orElseThrow().submitToolOutputs().toolCalls().get(0);
		assertThat(call.function().name()).isEqualTo("order_status");
		assertThat(call.function().arguments()).isEqualTo("{\"order_id\":\"42\"}");

		List<AssistantStreamEvent> events = OpenAiSdk.submitToolOutputStreaming(client, waiting, call.id(), "shipped");
		List<String> deltas = OpenAiSdk.textDeltas(events);
		Run done = OpenAiSdk.completed(events);
		assertThat(deltas).as("text as it is written, word by word").hasSizeGreaterThan(1);
		assertThat(String.join("", deltas)).isEqualTo("Here is what I found: shipped");
		assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void signalsErrorsAsTheSdksExceptions() {
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> client.beta().threads().retrieve("thread_nope"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("No thread found with id 'thread_nope'."));
		assertThatExceptionOfType(UnauthorizedException.class).isThrownBy(() -> OpenAiSdk.client(server, "sk-wrong").beta().assistants().list());
		Thread thread = client.beta().threads().create();
		Assistant assistant = client.beta().assistants().create(AssistantCreateParams.builder().model("gpt-4o").build());
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> client.beta()
			.threads()
			.runs()
			.create(RunCreateParams.builder()
				.threadId(thread.id())
				.assistantId(assistant.id())
				.temperature(3.0)
				.build()));
	}

	private static Run await(String threadId, String runId, RunStatus status) {
		return Awaitility.await()
			.until(() -> client.beta()
				.threads()
				.runs()
				.retrieve(runId, RunRetrieveParams.builder().threadId(threadId).build()),
					(run) -> run.status().equals(status));
	}

	private static String text(Message message) {
		return message.content().get(0).asText().text().value();
	}

}
