package dev.assistants.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import dev.assistants.api.AssistantStreamEvent.RunCompleted;
import dev.assistants.api.AssistantStreamEvent.RunCreated;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.SpecFixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's connection pool: a stream that ends with {@code done} hands its connection back
 * instead of closing it, and a call that finds every connection held fails after the acquire
 * timeout instead of waiting for ever.
 */
class ConnectionPoolTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final String RUN = SpecFixtures.operation("getRun").at("/example/responseBody").toString();

	private final AtomicInteger connections = new AtomicInteger();

	private final AtomicInteger closed = new AtomicInteger();

	private final AtomicInteger runReads = new AtomicInteger();

	private DisposableServer server;

	private AssistantsTemplate client;

	@BeforeEach
	void start() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> {
				this.connections.incrementAndGet();
				channel.closeFuture().addListener((future) -> this.closed.incrementAndGet());
			})
			.route((routes) -> routes
				.post("/threads/thread_1/runs",
						(request, response) -> request.receive()
							.then()
							.thenMany(response.header("Content-Type", "text/event-stream")
								.sendString(Flux.just("event: thread.run.completed\ndata: " + RUN + "\n\n",
										"event: done\ndata: [DONE]\n\n"))))
				.post("/threads/held_open/runs",
						(request, response) -> request.receive()
							.then()
							.thenMany(response.header("Content-Type", "text/event-stream")
								.sendString(Flux.just("event: thread.run.completed\ndata: " + RUN + "\n\n",
										"event: done\ndata: [DONE]\n\n")
									.concatWith(Flux.never()))))
				.post("/threads/endless/runs",
						(request, response) -> request.receive()
							.then()
							.thenMany(response.header("Content-Type", "text/event-stream")
								.sendString(Flux.just("event: thread.run.created\ndata: " + RUN + "\n\n")
									.concatWith(Flux.never()))))
				.get("/threads/thread_1/runs/run_abc123", (request, response) -> {
					this.runReads.incrementAndGet();
					return response.header("Content-Type", "application/json").sendString(Flux.just(RUN));
				}))
			.bindNow();
		this.client = AssistantsTemplate.builder().baseUrl(baseUrl()).build();
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.disposeNow();
	}

	// A call may start while the previous one's connection is still on its way back to the pool,
	// which opens another connection now and then; a stream that cut its response short closed its
	// connection, and the next opened a new one.

	@Test
	void streamsAndCallsOneAfterAnotherShareTheirConnections() {
		for (int i = 0; i < 50; i++) {
			assertThat(this.client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build())
				.collectList()
				.block(BOUND)).singleElement().isInstanceOf(RunCompleted.class);
			this.client.getRun("thread_1", "run_abc123").block(BOUND);
		}
		assertThat(this.closed).hasValue(0);
		assertThat(this.connections).hasValueLessThan(10);
	}

	@Test
	void streamsOneAfterAnotherShareTheirConnections() {
		for (int i = 0; i < 50; i++) {
			this.client.createRunStream("thread_1", CreateRunRequest.builder("asst_1").build()).blockLast(BOUND);
		}
		this.client.getRun("thread_1", "run_abc123").block(BOUND);
		assertThat(this.closed).hasValue(0);
		assertThat(this.connections).hasValueLessThan(10);
	}

	@Test
	void aCallThatFindsEveryConnectionHeldFailsAfterTheAcquireTimeout() {
		try (AssistantsTemplate small = AssistantsTemplate.builder()
			.baseUrl(baseUrl())
			.maxConnections(1)
			.connectionAcquireTimeout(Duration.ofMillis(300))
			.build()) {
			StepVerifier.create(small.createRunStream("endless", CreateRunRequest.builder("asst_1").build()))
				.expectNextMatches(RunCreated.class::isInstance)
				.then(() -> assertThatExceptionOfType(AssistantsConnectionException.class)
					.isThrownBy(() -> small.getRun("thread_1", "run_abc123").block(BOUND))
					.satisfies((ex) -> {
						assertThat(ex.getMessage()).isEqualTo("getRun (GET /threads/{thread_id}/runs/{run_id}): no connection "
								+ "to 127.0.0.1:" + this.server.port() + " became free within 300 ms "
								+ "(openai.connection-acquire-timeout): all 1 connections (openai.max-connections) are "
								+ "held by calls and streams in flight; allow more connections for more at once");
						assertThat(ex.isRetryable()).isFalse();
						assertThat(ex.getAttempts()).isEqualTo(1);
					}))
				.thenCancel()
				.verify(BOUND);
		}
		assertThat(this.runReads).hasValue(0);
	}

	@Test
	void aStreamHeldOpenAfterDoneStillEnds() {
		assertThat(this.client.createRunStream("held_open", CreateRunRequest.builder("asst_1").build())
			.collectList()
			.block(Duration.ofSeconds(2))).singleElement().isInstanceOf(RunCompleted.class);
	}

}
