package dev.assistants.server;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.RetrySettings;
import dev.assistants.client.observation.AssistantsMetricsObservationHandler;
import dev.assistants.engine.Api;
import dev.assistants.engine.Api.KeyHeader;
import dev.assistants.engine.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-key rate limits as OpenAI sent them: the limit, what is left and when it is full again on
 * every answer, a 429 in OpenAI's shape with the wait, and our starter waiting it out and showing
 * what is left in its gauge.
 */
class RateLimitTests {

	private static final String LIMITED = "sk-limited-0123456789";

	private static final String TIGHT = "sk-tight-0123456789";

	@ParameterizedTest
	@EnumSource(KeyHeader.class)
	void limitsEachKeyAndSaysWhatIsLeftAndWhenToComeBack(KeyHeader keyHeader) {
		try (RunningServer server = RunningServer.inMemory("assistants.server.rate-limits.requests-per-minute=60",
				"assistants.server.api-keys[0].key=" + LIMITED, "assistants.server.api-keys[0].project=a",
				"assistants.server.api-keys[1].key=" + TIGHT, "assistants.server.api-keys[1].project=b",
				"assistants.server.api-keys[1].requests-per-minute=2")) {
			Api tight = Api.withKey(server.baseUrl(), TIGHT, keyHeader);
			Response first = tight.get("/assistants");
			assertThat(first.status()).isEqualTo(200);
			assertThat(first.headers().firstValue("x-ratelimit-limit-requests")).hasValue("2");
			assertThat(first.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("1");
			assertThat(first.headers().firstValue("x-ratelimit-reset-requests")).hasValueSatisfying(
					(reset) -> assertThat(reset).matches("(29|30)(\\.\\d+)?s"));
			assertThat(tight.get("/assistants").headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
			Response refused = tight.get("/assistants");
			assertThat(refused.status()).isEqualTo(429);
			assertThat(refused.error().path("type").asString()).isEqualTo("requests");
			assertThat(refused.error().path("code").asString()).isEqualTo("rate_limit_exceeded");
			assertThat(refused.error().path("message").asString())
				.startsWith("Rate limit reached for requests per minute (RPM): Limit 2, Used 2, Requested 1. Please try again in");
			assertThat(refused.headers().firstValue("retry-after-ms").map(Long::parseLong))
				.hasValueSatisfying((millis) -> assertThat(millis).isBetween(25_000L, 30_000L));
			assertThat(refused.headers().firstValue("retry-after")).hasValueSatisfying(
					(seconds) -> assertThat(Long.parseLong(seconds)).isBetween(25L, 30L));
			assertThat(Api.withKey(server.baseUrl(), LIMITED, keyHeader).get("/assistants").headers()
				.firstValue("x-ratelimit-remaining-requests")).as("another key has its own limit").hasValue("59");
			assertThat(Api.withKey(server.baseUrl(), "sk-unknown", keyHeader).get("/assistants").status()).isEqualTo(401);
			assertThat(Api.withKey("http://127.0.0.1:" + server.port(), null).get("/actuator/health").headers()
				.firstValue("x-ratelimit-limit-requests")).as("only the API is limited").isEmpty();
		}
	}

	@Test
	void oneKeyHasOneLimitWhicheverHeaderCarriesIt() {
		try (RunningServer server = RunningServer.inMemory("assistants.server.api-keys[0].key=" + LIMITED,
				"assistants.server.api-keys[0].project=a", "assistants.server.api-keys[1].key=" + TIGHT,
				"assistants.server.api-keys[1].project=b", "assistants.server.api-keys[1].requests-per-minute=3")) {
			Api bearer = Api.withKey(server.baseUrl(), TIGHT, KeyHeader.AUTHORIZATION);
			Api azure = Api.withKey(server.baseUrl(), TIGHT, KeyHeader.API_KEY);
			assertThat(bearer.get("/assistants").status()).isEqualTo(200);
			assertThat(azure.get("/assistants").status()).isEqualTo(200);
			Response twoKeys = bearer.sendWithHeaders("GET", "/assistants", null, Map.of("api-key", LIMITED)).join();
			assertThat(twoKeys.status()).as("two different keys: refused, and counted for neither").isEqualTo(401);
			Response both = bearer.sendWithHeaders("GET", "/assistants", null, Map.of("api-key", TIGHT)).join();
			assertThat(both.status()).isEqualTo(200);
			assertThat(both.headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");
			assertThat(azure.get("/assistants").status()).isEqualTo(429);
			assertThat(bearer.get("/assistants").status()).isEqualTo(429);
			assertThat(Api.withKey(server.baseUrl(), LIMITED, KeyHeader.API_KEY).get("/assistants").headers()
				.firstValue("x-ratelimit-limit-requests")).as("no limit for this key").isEmpty();
		}
	}

	@Test
	void theStarterWaitsOutTheLimitAndGaugesWhatIsLeft() {
		try (RunningServer server = RunningServer.inMemory("assistants.server.rate-limits.requests-per-minute=60",
				"assistants.server.api-keys[0].key=" + LIMITED, "assistants.server.api-keys[0].project=a")) {
			Api api = Api.withKey(server.baseUrl(), LIMITED);
			String assistant = api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\"}").path("id").asString();
			int used = 1;
			while (api.get("/assistants").status() != 429) {
				used++;
			}
			assertThat(used).as("the minute's requests, the assistant's creation included").isEqualTo(60);
			SimpleMeterRegistry meters = new SimpleMeterRegistry();
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new AssistantsMetricsObservationHandler(meters));
			try (AssistantsTemplate client = AssistantsTemplate.builder()
				.baseUrl(server.baseUrl())
				.apiKey(LIMITED)
				.retry(RetrySettings.DEFAULT.withMaxRetries(1))
				.observationRegistry(observations)
				.build()) {
				long start = System.nanoTime();
				assertThat(client.getAssistant(assistant).block(Duration.ofSeconds(10)).id()).isEqualTo(assistant);
				assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited retry-after-ms, a second at most")
					.isLessThan(Duration.ofSeconds(5));
			}
			assertThat(meters.get(AssistantsMetricsObservationHandler.RETRIES).tag("cause", "429").counter().count())
				.isEqualTo(1);
			assertThat(meters.get(AssistantsMetricsObservationHandler.RATE_LIMIT_REMAINING).tag("limit", "requests")
				.gauge()
				.value()).as("what the server said was left after the retry").isBetween(0.0, 1.0);
		}
	}

}
