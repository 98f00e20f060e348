package dev.assistants.server.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import dev.assistants.engine.ApiCaller;
import dev.assistants.engine.ApiKeys;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.store.memory.InMemoryStore;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine embedded in a team's own Spring Boot application, as README shows it: the team's own
 * key check, its own store, its own routes beside {@code /v1}, and a filter of its own that reads
 * the caller the engine resolved.
 */
class EmbeddedEngineTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void servesTheApiBesideTheApplicationsOwnRoutesWithItsOwnKeysAndStore() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TeamApplication.class)
			.web(WebApplicationType.REACTIVE)
			// Spring AI's OpenAI module is on this module's test class path, without keys: its models off
			.properties("server.port=0", "server.address=127.0.0.1", "spring.ai.model.chat=none",
					"spring.ai.model.embedding=none", "spring.ai.model.image=none", "spring.ai.model.audio.speech=none",
					"spring.ai.model.audio.transcription=none", "spring.ai.model.moderation=none")
			.run()) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
			assertThat(context.getBean(AssistantsStore.class)).isSameAs(context.getBean("teamStore"));

			HttpResponse<String> created = send(base + "/v1/assistants", "Bearer team-key", "{\"model\":\"gpt-4o\"}");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
			assertThat(created.headers().firstValue("x-team-project")).as("read by the team's filter").hasValue("team");
			assertThat(send(base + "/v1/assistants", "Bearer other-key", null).statusCode()).isEqualTo(401);
			HttpResponse<String> hello = send(base + "/hello", null, null);
			assertThat(hello.statusCode()).isEqualTo(200);
			assertThat(hello.body()).isEqualTo("Hello from the team's own route");
		}
	}

	private static HttpResponse<String> send(String url, String authorization, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (body != null) {
			request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** JDBC is on the class path, but this application needs no database: it has a store of its own. */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
	static class TeamApplication {

		@Bean
		AssistantsStore teamStore() {
			return new InMemoryStore();
		}

		@Bean
		ApiKeys teamKeys() {
			return (apiKey) -> "team-key".equals(apiKey) ? new ApiCaller("team", "team-key-1") : null;
		}

		@Bean
		RouterFunction<ServerResponse> helloRoute() {
			return RouterFunctions.route()
				.GET("/hello", (request) -> ServerResponse.ok().bodyValue("Hello from the team's own route"))
				.build();
		}

		@Bean
		@Order(AssistantsServerAutoConfiguration.RATE_LIMITS_ORDER + 10)
		WebFilter teamAuditFilter() {
			return (exchange, chain) -> exchange.getPrincipal()
				.ofType(ApiCaller.class)
				.doOnNext((caller) -> exchange.getResponse().getHeaders().set("x-team-project", caller.project()))
				.then(Mono.defer(() -> chain.filter(exchange)));
		}

	}

}
