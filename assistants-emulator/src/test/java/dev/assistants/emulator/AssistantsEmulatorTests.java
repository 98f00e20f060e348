package dev.assistants.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.FunctionObject;
import dev.assistants.api.LastErrorCode;
import dev.assistants.api.ListMessagesResponse;
import dev.assistants.api.MessageObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.ModifyAssistantRequest;
import dev.assistants.api.ModifyMessageRequest;
import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.RunStepDetailsMessageCreationObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.RunStepType;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.api.ThreadObject;
import dev.assistants.api.VectorStoreFileObject;
import dev.assistants.api.VectorStoreFileStatus;
import dev.assistants.api.VectorStoreObject;
import dev.assistants.client.ActiveRunException;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.ListOrder;
import dev.assistants.client.ListQuery;
import dev.assistants.client.MessageListQuery;
import dev.assistants.client.NotFoundException;
import dev.assistants.client.PollOptions;
import dev.assistants.client.RunSnapshot;

import org.springframework.core.io.buffer.DataBufferUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The emulator through the client, operation by operation: the objects it keeps, the lifecycle of
 * runs polled and streamed, pagination, and its errors.
 */
class AssistantsEmulatorTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final AssistantsEmulator emulator = AssistantsEmulator.start().latency(Duration.ofMillis(20));

	private final AssistantsTemplate template = AssistantsTemplate.builder()
		.baseUrl(this.emulator.baseUrl())
		.pollOptions(new PollOptions(Duration.ofMillis(20), Duration.ofSeconds(5), false))
		.build();

	private final AssistantsOperations client = this.template;

	@AfterEach
	void stop() {
		this.template.close();
		this.emulator.close();
	}

	@Test
	void keepsFilesAndSearchesVectorStores(@TempDir Path directory) throws Exception {
		byte[] binary = new byte[4096];
		new Random(5).nextBytes(binary);
		OpenAIFile data = this.template.files()
			.createFile(Files.write(directory.resolve("data.bin"), binary), FilePurpose.ASSISTANTS)
			.block(BOUND);
		assertThat(DataBufferUtils.join(this.template.files().downloadFile(data.id())).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).block(BOUND)).as("a binary upload arrives unchanged").isEqualTo(binary);
		assertThat(this.emulator.requests()).filteredOn((request) -> request.uri().equals("/v1/files"))
			.singleElement()
			.satisfies((request) -> assertThat(request.body()).isEmpty());

		VectorStoreObject store = this.template.vectorStores()
			.createVectorStore(CreateVectorStoreRequest.named("docs"))
			.block(BOUND);
		VectorStoreFileObject file = this.template.vectorStores()
			.uploadAndPoll(store.id(), Files.writeString(directory.resolve("returns.md"),
					"Returns are accepted within 30 days of delivery."))
			.block(BOUND);
		assertThat(file.status()).isEqualTo(VectorStoreFileStatus.COMPLETED);
		assertThat(this.template.vectorStores().searchVectorStore(store.id(), "returns policy").block(BOUND).data())
			.singleElement()
			.satisfies((result) -> assertThat(result.filename()).isEqualTo("returns.md"));
	}

	@Test
	void keepsAssistantsThreadsAndMessages() {
		AssistantObject assistant = this.client.createAssistant(CreateAssistantRequest.builder("gpt-4o")
			.name("Helper")
			.instructions("Be brief.")
			.metadata(Map.of("team", "a"))
			.build()).block(BOUND);
		assertThat(assistant.id()).startsWith("asst_");
		assertThat(assistant.name()).isEqualTo("Helper");
		assertThat(assistant.tools()).isEmpty();
		assertThat(this.client.getAssistant(assistant.id()).block(BOUND)).isEqualTo(assistant);
		assertThat(this.client.modifyAssistant(assistant.id(), ModifyAssistantRequest.builder().name("Renamed").build())
			.block(BOUND)
			.name()).isEqualTo("Renamed");
		assertThat(this.client.listAssistants().block(BOUND).data()).extracting(AssistantObject::id)
			.containsExactly(assistant.id());

		ThreadObject thread = this.client
			.createThread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("First")).build())
			.block(BOUND);
		assertThat(thread.id()).startsWith("thread_");
		assertThat(this.client.modifyThread(thread.id(), new ModifyThreadRequest(null, Map.of("k", "v")))
			.block(BOUND)
			.metadata()).containsEntry("k", "v");
		MessageObject second = this.client.createMessage(thread.id(), CreateMessageRequest.user("Second")).block(BOUND);
		assertThat(second.id()).startsWith("msg_");
		assertThat(second.role()).isEqualTo(MessageRole.USER);
		assertThat(RunSnapshot.text(second)).isEqualTo("Second");
		assertThat(this.client.getMessage(thread.id(), second.id()).block(BOUND)).isEqualTo(second);
		assertThat(this.client.modifyMessage(thread.id(), second.id(), new ModifyMessageRequest(Map.of("seen", "yes")))
			.block(BOUND)
			.metadata()).containsEntry("seen", "yes");
		assertThat(this.client.listMessages(thread.id(), ListQuery.DEFAULT.withOrder(ListOrder.ASC))
			.block(BOUND)
			.data()).extracting(RunSnapshot::text).containsExactly("First", "Second");
		assertThat(this.client.deleteMessage(thread.id(), second.id()).block(BOUND).deleted()).isTrue();
		assertThat(this.client.deleteThread(thread.id()).block(BOUND).object()).isEqualTo("thread.deleted");
		assertThat(this.client.deleteAssistant(assistant.id()).block(BOUND).deleted()).isTrue();
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.client.getAssistant(assistant.id()).block(BOUND))
			.withMessageContaining("No assistant found with id '" + assistant.id() + "'");
	}

	@Test
	void runsGoThroughTheirLifecycleWhenPolled() {
		String assistantId = assistant().id();
		ThreadObject thread = this.client.createThread().block(BOUND);
		this.client.createMessage(thread.id(), CreateMessageRequest.user("Hello there")).block(BOUND);
		RunObject created = this.client.createRun(thread.id(), CreateRunRequest.builder(assistantId).build()).block(BOUND);
		assertThat(created.status()).isEqualTo(RunStatus.QUEUED);
		RunObject run = this.client.pollRun(thread.id(), created.id()).block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(run.usage()).isNotNull();
		assertThat(run.startedAt()).isNotNull();
		List<MessageObject> reply = this.client.listMessages(thread.id(), MessageListQuery.forRun(run.id()))
			.block(BOUND)
			.data();
		assertThat(reply).singleElement().satisfies((message) -> {
			assertThat(message.role()).isEqualTo(MessageRole.ASSISTANT);
			assertThat(RunSnapshot.text(message)).isEqualTo("You said: Hello there");
			assertThat(message.runId()).isEqualTo(run.id());
		});
		RunStepObject step = this.client.listRunSteps(thread.id(), run.id()).block(BOUND).data().get(0);
		assertThat(step.type()).isEqualTo(RunStepType.MESSAGE_CREATION);
		assertThat(((RunStepDetailsMessageCreationObject) step.stepDetails()).messageCreation().messageId())
			.isEqualTo(reply.get(0).id());
		assertThat(this.client.getRunStep(thread.id(), run.id(), step.id()).block(BOUND)).isEqualTo(step);
		assertThat(this.client.listRuns(thread.id()).block(BOUND).data()).extracting(RunObject::id)
			.containsExactly(run.id());
		assertThat(this.client.modifyRun(thread.id(), run.id(), new ModifyRunRequest(Map.of("k", "v")))
			.block(BOUND)
			.metadata()).containsEntry("k", "v");
	}

	@Test
	void callsAFunctionNamedInTheMessageAndReportsItsOutput() {
		AssistantObject assistant = this.client.createAssistant(CreateAssistantRequest.builder("gpt-4o")
			.tools(new AssistantToolsFunction(FunctionObject.of("order_status", "Status of an order",
					Map.of("type", "object", "properties", Map.of("order_id", Map.of("type", "string"))))))
			.build()).block(BOUND);
		RunObject run = this.client.createThreadAndRunAndPoll(CreateThreadAndRunRequest.builder(assistant.id())
			.thread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("What is the status of order 42?")).build())
			.build()).block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.REQUIRES_ACTION);
		var call = run.requiredAction().submitToolOutputs().toolCalls().get(0);
		assertThat(call.id()).startsWith("call_");
		assertThat(call.function().name()).isEqualTo("order_status");
		assertThat(call.function().arguments()).isEqualTo("{\"order_id\":\"42\"}");
		assertThatExceptionOfType(ActiveRunException.class)
			.isThrownBy(() -> this.client.createMessage(run.threadId(), CreateMessageRequest.user("Hurry")).block(BOUND))
			.satisfies((ex) -> assertThat(ex.getRunId()).isEqualTo(run.id()));

		RunObject done = this.client.submitToolOutputsAndPoll(run.threadId(), run.id(),
				SubmitToolOutputsRunRequest.of(List.of(new SubmitToolOutputsRunRequest.ToolOutput(call.id(), "shipped"))))
			.block(BOUND);
		assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
		ListMessagesResponse messages = this.client.listMessages(run.threadId()).block(BOUND);
		assertThat(RunSnapshot.text(messages.data().get(0))).isEqualTo("Here is what I found: shipped");
	}

	@Test
	void streamsARunInTheOrderOpenAiEmitsItsEvents() {
		String assistantId = assistant().id();
		List<AssistantStreamEvent> events = this.client.createThreadAndRunStream(CreateThreadAndRunRequest
			.builder(assistantId)
			.thread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("Say hi to all")).build())
			.build()).collectList().block(BOUND);
		assertThat(events).extracting(AssistantStreamEvent::event)
			.containsExactly("thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
					"thread.run.step.created", "thread.run.step.in_progress", "thread.message.created",
					"thread.message.in_progress", "thread.message.delta", "thread.message.delta",
					"thread.message.delta", "thread.message.delta", "thread.message.delta", "thread.message.delta",
					"thread.message.completed", "thread.run.step.completed", "thread.run.completed");
		assertThat(dev.assistants.client.RunStreams.text(reactor.core.publisher.Flux.fromIterable(events))
			.last()
			.block(BOUND)).isEqualTo("You said: Say hi to all");
	}

	@Test
	void followsTheScript() {
		String assistantId = assistant().id();
		this.emulator.script(ModelTurn.fail("rate_limit_exceeded", "Slow down"), ModelTurn.reply("Scripted"));
		RunObject failed = this.client.createThreadAndRunAndPoll(CreateThreadAndRunRequest.builder(assistantId).build())
			.block(BOUND);
		assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
		assertThat(failed.lastError().code()).isEqualTo(LastErrorCode.RATE_LIMIT_EXCEEDED);
		assertThat(failed.lastError().message()).isEqualTo("Slow down");
		RunObject replied = this.client.createRunAndPoll(failed.threadId(), CreateRunRequest.builder(assistantId).build())
			.block(BOUND);
		assertThat(RunSnapshot.text(this.client.listMessages(failed.threadId(), MessageListQuery.forRun(replied.id()))
			.block(BOUND)
			.data()
			.get(0))).isEqualTo("Scripted");
	}

	@Test
	void letsARunExpire() {
		String assistantId = assistant().id();
		this.emulator.script(ModelTurn.expire());
		RunObject run = this.client.createThreadAndRunAndPoll(CreateThreadAndRunRequest.builder(assistantId).build())
			.block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.EXPIRED);
		assertThat(run.expiresAt()).isNotNull();
	}

	@Test
	void cancelsARun() {
		String assistantId = assistant().id();
		this.emulator.script(ModelTurn.reply("too late").after(Duration.ofSeconds(5)));
		RunObject run = this.client.createThreadAndRun(CreateThreadAndRunRequest.builder(assistantId).build()).block(BOUND);
		assertThat(this.client.cancelRun(run.threadId(), run.id()).block(BOUND).status()).isEqualTo(RunStatus.CANCELLING);
		assertThat(this.client.pollRun(run.threadId(), run.id()).block(BOUND).status()).isEqualTo(RunStatus.CANCELLED);
	}

	@Test
	void pagesWithLimitOrderAfterAndBefore() {
		ThreadObject thread = this.client.createThread().block(BOUND);
		for (int i = 1; i <= 5; i++) {
			this.client.createMessage(thread.id(), CreateMessageRequest.user("m" + i)).block(BOUND);
		}
		ListMessagesResponse first = this.client.listMessages(thread.id(), ListQuery.limit(2).withOrder(ListOrder.ASC))
			.block(BOUND);
		assertThat(first.data()).extracting(RunSnapshot::text).containsExactly("m1", "m2");
		assertThat(first.hasMore()).isTrue();
		assertThat(first.firstId()).isEqualTo(first.data().get(0).id());
		assertThat(first.lastId()).isEqualTo(first.data().get(1).id());
		assertThat(this.client.listMessages(thread.id(), ListQuery.limit(2).withOrder(ListOrder.ASC).withAfter(first.lastId()))
			.block(BOUND)
			.data()).extracting(RunSnapshot::text).containsExactly("m3", "m4");
		assertThat(this.client.listMessages(thread.id()).block(BOUND).data()).extracting(RunSnapshot::text)
			.containsExactly("m5", "m4", "m3", "m2", "m1");
		assertThat(this.client.listMessages(thread.id(), ListQuery.DEFAULT.withBefore(first.data().get(0).id()))
			.block(BOUND)
			.data()).extracting(RunSnapshot::text).containsExactly("m5", "m4", "m3", "m2");
		assertThat(this.client.listAllMessages(thread.id(), MessageListQuery.of(ListQuery.limit(2)))
			.map(RunSnapshot::text)
			.collectList()
			.block(BOUND)).containsExactly("m5", "m4", "m3", "m2", "m1");
	}

	@Test
	void answersInvalidBodiesAndUnknownIdsLikeOpenAi() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<String> unknownField = http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/assistants"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o\",\"colour\":\"blue\"}"))
			.header("Content-Type", "application/json")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(unknownField.statusCode()).isEqualTo(400);
		assertThat(unknownField.body()).contains("\"type\":\"invalid_request_error\"", "colour");
		HttpResponse<String> missingModel = http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/assistants"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(missingModel.statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/threads/thread_nope")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("{\"error\":{\"message\":\"No thread found with id 'thread_nope'.\","
				+ "\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}");
		HttpResponse<String> badRole = http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/threads"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(badRole.statusCode()).isEqualTo(400);
		assertThat(badRole.body()).contains("messages[0].role");
		HttpResponse<String> badTool = http.send(HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + "/assistants"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"tools\":[{\"type\":\"web_browser\"}]}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(badTool.statusCode()).isEqualTo(400);
		assertThat(badTool.body()).contains("tools[0]");
		assertThat(this.emulator.requests()).extracting(ReceivedRequest::method)
			.containsExactly("POST", "POST", "GET", "POST", "POST");
	}

	private AssistantObject assistant() {
		return this.client.createAssistant(CreateAssistantRequest.builder("gpt-4o").build()).block(BOUND);
	}

}
