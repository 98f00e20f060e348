package dev.assistants.server;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.assistants.engine.Api;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's metrics as an operator reads them: runs by status, model turns and tokens by model,
 * the streams open, the queue.
 */
class ServerMetricsTests {

	@Test
	void countsRunsModelTurnsTokensAndStreams() {
		try (RunningServer server = RunningServer.inMemory()) {
			Api api = Api.withKey(server.baseUrl(), null);
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			JsonNode polled = api.ok("POST", "/threads/runs", "{\"assistant_id\":\"" + assistant
					+ "\",\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}}");
			api.awaitRun(polled.path("thread_id").asString(), polled.path("id").asString(), "completed");
			Api.Response streamed = api.post("/threads/runs", "{\"assistant_id\":\"" + assistant
					+ "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}}");
			assertThat(streamed.events()).isNotEmpty();

			MeterRegistry meters = server.bean(MeterRegistry.class);
			Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(meters.get("assistants.server.runs").tag("status", "completed").counter().count()).isEqualTo(2);
				assertThat(meters.get("assistants.server.streams.active").gauge().value()).isZero();
			});
			assertThat(meters.get("assistants.server.model.turns").tag("model", "gpt-4o").tag("outcome", "success")
				.timer()
				.count()).isEqualTo(2);
			assertThat(meters.get("assistants.server.model.tokens").tag("model", "gpt-4o").tag("type", "completion")
				.counter()
				.count()).isPositive();
			// the gauge is the count of the last sweep (every second), which may have seen a run still queued
			Awaitility.await()
				.atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(meters.get("assistants.server.runs.queued").gauge().value()).isZero());
			assertThat(meters.get("assistants.run.execution").tag("assistants.run.status", "completed").timer().count())
				.as("the executions' observations, as timers")
				.isEqualTo(2);
		}
	}

}
