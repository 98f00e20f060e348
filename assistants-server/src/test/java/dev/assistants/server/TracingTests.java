package dev.assistants.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Configuration;

import dev.assistants.engine.Api;
import dev.assistants.model.springai.FakeChatCompletions;

import static dev.assistants.model.springai.FakeChatCompletions.finish;
import static dev.assistants.model.springai.FakeChatCompletions.text;
import static dev.assistants.model.springai.FakeChatCompletions.usage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from the API call that starts a run, through the run's execution in the background,
 * to the call of the model through Spring AI: continuing the trace the client sent.
 */
class TracingTests {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String CLIENT_SPAN_ID = "00f067aa0ba902b7";

	@Test
	void tracesTheCallThatStartsARunItsExecutionAndTheModelCall() throws Exception {
		try (FakeChatCompletions provider = new FakeChatCompletions();
				RunningServer server = RunningServer.onPostgres(CollectedSpans.class,
						RunningServer.withSpringAi(provider, "management.tracing.sampling.probability=1.0",
								"management.opentelemetry.tracing.export.schedule-delay=50ms"))) {
			provider.answer(text("Hello"), finish("stop"), usage(10, 1));
			Api api = Api.withKey(server.baseUrl(), null);
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			HttpResponse<String> created = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/threads/runs"))
					.header("Content-Type", "application/json")
					.header("traceparent", "00-" + TRACE_ID + "-" + CLIENT_SPAN_ID + "-01")
					.POST(HttpRequest.BodyPublishers.ofString("{\"assistant_id\":\"" + assistant
							+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).isEqualTo(200);
			JsonNode run = JsonMapper.builder().build().readTree(created.body());
			api.awaitRun(run.path("thread_id").asString(), run.path("id").asString(), "completed");

			List<SpanData> spans = server.bean(CollectedSpans.class).spans;
			Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans)
				.extracting(SpanData::getName)
				.contains("http post /v1/threads/runs", "run execution", "chat gpt-4o"));
			SpanData call = span(spans, "http post /v1/threads/runs");
			SpanData execution = span(spans, "run execution");
			SpanData model = span(spans, "chat gpt-4o");
			assertThat(List.of(call, execution, model)).extracting(SpanData::getTraceId).containsOnly(TRACE_ID);
			assertThat(call.getParentSpanId()).isEqualTo(CLIENT_SPAN_ID);
			assertThat(execution.getParentSpanId()).isEqualTo(call.getSpanId());
			assertThat(model.getParentSpanId()).isEqualTo(execution.getSpanId());
			assertThat(execution.getAttributes().asMap()).extractingFromEntries((entry) -> entry.getKey().getKey() + "="
					+ entry.getValue())
				.contains("assistants.run.id=" + run.path("id").asString(),
						"assistants.thread.id=" + run.path("thread_id").asString(), "assistants.run.status=completed");
		}
	}

	private static SpanData span(List<SpanData> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	/** The spans the server exports, kept for the test: a span exporter bean beside OTLP's. */
	@Configuration(proxyBeanMethods = false)
	static class CollectedSpans implements SpanExporter {

		final List<SpanData> spans = new CopyOnWriteArrayList<>();

		@Override
		public CompletableResultCode export(Collection<SpanData> exported) {
			this.spans.addAll(exported);
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

}
