package dev.assistants.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.core.http.StreamResponse;
import com.openai.models.beta.assistants.Assistant;
import com.openai.models.beta.assistants.AssistantCreateParams;
import com.openai.models.beta.assistants.AssistantStreamEvent;
import com.openai.models.beta.assistants.CodeInterpreterTool;
import com.openai.models.beta.threads.Thread;
import com.openai.models.beta.threads.ThreadCreateParams;
import com.openai.models.beta.threads.messages.FilePathAnnotation;
import com.openai.models.beta.threads.messages.Message;
import com.openai.models.beta.threads.messages.MessageCreateParams;
import com.openai.models.beta.threads.messages.MessageListParams;
import com.openai.models.beta.threads.runs.Run;
import com.openai.models.beta.threads.runs.RunCancelParams;
import com.openai.models.beta.threads.runs.RunCreateParams;
import com.openai.models.beta.threads.runs.RunRetrieveParams;
import com.openai.models.beta.threads.runs.RunStatus;
import com.openai.models.beta.threads.runs.steps.CodeInterpreterToolCall;
import com.openai.models.beta.threads.runs.steps.RunStep;
import com.openai.models.beta.threads.runs.steps.StepListParams;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * code_interpreter through the official openai-java SDK, on the server as it runs by default (on
 * PostgreSQL, with the deterministic model), with Python in real sandboxed kernels: a CSV attached
 * to a thread is loaded by one run and plotted by the next, a file the code writes comes back as a
 * File, a streamed run shows the code and its outputs, a traceback is the model's to read, and a
 * cancel stops the code. Needs bubblewrap and Jupyter's Python kernel, which {@code .ci/run}
 * installs.
 */
class OpenAiJavaSdkCodeInterpreterTests {

	private static final String KEY = "sk-sdk-code";

	private static RunningServer server;

	private static OpenAIClient client;

	private static Assistant assistant;

	@BeforeAll
	static void start() {
		server = RunningServer.onPostgres("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=sdk-code",
				"assistants.server.code-interpreter.execution-timeout=10s");
		client = OpenAiSdk.client(server, KEY);
		assistant = client.beta()
			.assistants()
			.create(AssistantCreateParams.builder()
				.model("gpt-4o")
				.addTool(CodeInterpreterTool.builder().build())
				.build());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void loadsAnAttachedCsvThenPlotsItInTheSameSessionThenWritesAFile(@TempDir Path directory) throws Exception {
		Path csv = Files.writeString(directory.resolve("sales.csv"), "month,total\n1,10\n2,20\n3,30\n");
		FileObject uploaded = client.files()
			.create(FileCreateParams.builder().file(csv).purpose(FilePurpose.ASSISTANTS).build());
		Thread thread = client.beta()
			.threads()
			.create(ThreadCreateParams.builder()
				.toolResources(ThreadCreateParams.ToolResources.builder()
					.codeInterpreter(ThreadCreateParams.ToolResources.CodeInterpreter.builder()
						.addFileId(uploaded.id())
						.build())
					.build())
				.build());

		Run loaded = run(thread, """
				Run this with the code interpreter:
				```python
				import pandas as pd
				df = pd.read_csv('/mnt/data/sales.csv')
				print(df.total.sum())
				```""");
		assertThat(loaded.status()).isEqualTo(RunStatus.COMPLETED);
		CodeInterpreterToolCall call = codeCall(loaded);
		assertThat(call.id()).startsWith("call_");
		assertThat(call.codeInterpreter().input()).startsWith("import pandas as pd\n").contains("print(df.total.sum())");
		assertThat(call.codeInterpreter().outputs()).singleElement()
			.satisfies((output) -> assertThat(output.asLogs().logs()).isEqualTo("60"));
		assertThat(text(answer(loaded))).isEqualTo("The code printed: 60");

		// the same session: df is still there
		Run plotted = run(thread, """
				Plot it with the code interpreter:
				```
				import matplotlib.pyplot as plt
				df.plot(x='month', y='total')
				plt.show()
				```""");
		CodeInterpreterToolCall plot = codeCall(plotted);
		String imageId = plot.codeInterpreter().outputs().get(0).asImage().image().fileId();
		FileObject image = client.files().retrieve(imageId);
		assertThat(image.purpose()).isEqualTo(FileObject.Purpose.ASSISTANTS_OUTPUT);
		assertThat(image.filename()).endsWith(".png");
		try (HttpResponse content = client.files().content(imageId)) {
			assertThat(new String(content.body().readNBytes(4), 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
		}
		Message withImage = answer(plotted);
		assertThat(withImage.content().get(0).asImageFile().imageFile().fileId()).isEqualTo(imageId);
		assertThat(withImage.content().get(1).asText().text().value()).isEqualTo("The code printed: nothing. It displayed 1 image.");

		Run saved = run(thread, "Save it with the code interpreter: df.assign(double=df.total * 2).to_csv('/mnt/data/doubled.csv', index=False)");
		var text = answer(saved).content().get(0).asText().text();
		assertThat(text.value()).endsWith("Files: [doubled.csv](sandbox:/mnt/data/doubled.csv)");
		FilePathAnnotation link = text.annotations().get(0).asFilePath();
		assertThat(link.text()).isEqualTo("sandbox:/mnt/data/doubled.csv");
		assertThat(text.value().substring((int) link.startIndex(), (int) link.endIndex())).isEqualTo(link.text());
		FileObject written = client.files().retrieve(link.filePath().fileId());
		assertThat(written.filename()).isEqualTo("doubled.csv");
		assertThat(written.purpose()).isEqualTo(FileObject.Purpose.ASSISTANTS_OUTPUT);
		try (HttpResponse content = client.files().content(written.id())) {
			assertThat(new String(content.body().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("month,total,double\n1,10,20\n2,20,40\n3,30,60\n");
		}
	}

	@Test
	void streamsTheCodeThenItsOutputsThenTheAnswer() {
		Thread thread = client.beta().threads().create();
		client.beta().threads().messages().create(thread.id(), MessageCreateParams.builder()
			.role(MessageCreateParams.Role.USER)
			.content("Use the code interpreter: print(2**100)")
			.build());
		List<AssistantStreamEvent> events;
		try (StreamResponse<AssistantStreamEvent> stream = client.beta()
			.threads()
			.runs()
			.createStreaming(RunCreateParams.builder().threadId(thread.id()).assistantId(assistant.id()).build())) {
			events = stream.stream().toList();
		}
		Run run = OpenAiSdk.completed(events);
		List<String> order = events.stream()
			.map(OpenAiJavaSdkCodeInterpreterTests::name)
			.filter((name) -> !name.equals("thread.message.delta"))
			.toList();
		assertThat(order).containsSubsequence("thread.run.step.created", "thread.run.step.delta", "thread.run.step.delta",
				"thread.run.step.completed", "thread.run.step.created", "thread.message.created", "thread.message.completed",
				"thread.run.completed");
		List<AssistantStreamEvent> deltas = events.stream().filter(AssistantStreamEvent::isThreadRunStepDelta).toList();
		var input = deltas.get(0).asThreadRunStepDelta().data().delta().stepDetails().get().asToolCalls().toolCalls().get()
			.get(0).asCodeInterpreter();
		assertThat(input.codeInterpreter().get().input()).contains("print(2**100)");
		var outputs = deltas.get(deltas.size() - 1).asThreadRunStepDelta().data().delta().stepDetails().get().asToolCalls()
			.toolCalls().get().get(0).asCodeInterpreter().codeInterpreter().get().outputs().get();
		assertThat(outputs.get(0).asLogs().logs()).contains("1267650600228229401496703205376");
		assertThat(text(answer(run))).isEqualTo("The code printed: 1267650600228229401496703205376");
	}

	@Test
	void anErrorsTracebackIsTheModelsToRead() {
		Thread thread = client.beta().threads().create();
		Run run = run(thread, "With the code interpreter: 1/0");
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(codeCall(run).codeInterpreter().outputs().get(0).asLogs().logs()).contains("ZeroDivisionError",
				"Traceback");
		assertThat(text(answer(run))).startsWith("The code printed: ").contains("ZeroDivisionError: division by zero");
	}

	@Test
	void aCancelledRunStopsItsCodeAndTheSessionGoesOn() {
		Thread thread = client.beta().threads().create();
		run(thread, "Run with the code interpreter: kept = 'still here'");
		client.beta().threads().messages().create(thread.id(), MessageCreateParams.builder()
			.role(MessageCreateParams.Role.USER)
			.content("Run with the code interpreter: import time; time.sleep(60)")
			.build());
		Run sleeping = client.beta()
			.threads()
			.runs()
			.create(RunCreateParams.builder().threadId(thread.id()).assistantId(assistant.id()).build());
		Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !steps(sleeping).isEmpty());
		long start = System.nanoTime();
		client.beta().threads().runs().cancel(sleeping.id(), RunCancelParams.builder().threadId(thread.id()).build());
		Run cancelled = await(sleeping, RunStatus.CANCELLED);
		assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
		Run next = run(thread, "Run with the code interpreter: print(kept)");
		assertThat(text(answer(next))).isEqualTo("The code printed: still here");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	private static Run run(Thread thread, String message) {
		client.beta().threads().messages().create(thread.id(), MessageCreateParams.builder()
			.role(MessageCreateParams.Role.USER)
			.content(message)
			.build());
		Run run = client.beta()
			.threads()
			.runs()
			.create(RunCreateParams.builder().threadId(thread.id()).assistantId(assistant.id()).build());
		return await(run, RunStatus.COMPLETED);
	}

	private static Run await(Run run, RunStatus status) {
		return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> client.beta()
			.threads()
			.runs()
			.retrieve(run.id(), RunRetrieveParams.builder().threadId(run.threadId()).build()),
				(candidate) -> candidate.status().equals(status) || candidate.status().equals(RunStatus.FAILED));
	}

	private static List<RunStep> steps(Run run) {
		return client.beta()
			.threads()
			.runs()
			.steps()
			.list(run.id(), StepListParams.builder().threadId(run.threadId()).order(StepListParams.Order.ASC).build())
			.data();
	}

	private static CodeInterpreterToolCall codeCall(Run run) {
		RunStep step = steps(run).get(0).validate();
		assertThat(step.status()).isEqualTo(RunStep.Status.COMPLETED);
		return step.stepDetails().asToolCalls().toolCalls().get(0).asCodeInterpreter();
	}

	private static Message answer(Run run) {
		return client.beta()
			.threads()
			.messages()
			.list(run.threadId(), MessageListParams.builder().runId(run.id()).build())
			.data()
			.get(0)
			.validate();
	}

	private static String text(Message message) {
		return message.content().get(message.content().size() - 1).asText().text().value();
	}

	private static String name(AssistantStreamEvent event) {
		if (event.isThreadRunStepCreated()) {
			return "thread.run.step.created";
		}
		if (event.isThreadRunStepDelta()) {
			return "thread.run.step.delta";
		}
		if (event.isThreadRunStepCompleted()) {
			return "thread.run.step.completed";
		}
		if (event.isThreadMessageCreated()) {
			return "thread.message.created";
		}
		if (event.isThreadMessageCompleted()) {
			return "thread.message.completed";
		}
		if (event.isThreadRunCompleted()) {
			return "thread.run.completed";
		}
		return "other";
	}

}
