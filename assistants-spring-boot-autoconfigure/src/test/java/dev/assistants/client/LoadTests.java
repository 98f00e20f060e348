package dev.assistants.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.assistants.api.SpecFixtures;
import dev.assistants.api.ThreadObject;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent calls through one client: all complete, no buffer leaks (Netty's detector at
 * PARANOID) and the connection pool stays within its limit.
 */
class LoadTests {

	private static final int CALLS = 500;

	private static final int MAX_CONNECTIONS = 20;

	private static final String THREAD = SpecFixtures.operation("getThread").at("/example/responseBody").toString();

	private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicInteger mostOpenConnections = new AtomicInteger();

	private ResourceLeakDetector.Level previousLevel;

	private DisposableServer server;

	@BeforeEach
	void start() {
		this.previousLevel = ResourceLeakDetector.getLevel();
		ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
		this.leaks.start();
		leakLogger().addAppender(this.leaks);
		// the reports go to the list only: the deliberate leak below is no error of the build
		leakLogger().setAdditive(false);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.doOnChannelInit((observer, channel, address) -> {
				this.mostOpenConnections.accumulateAndGet(this.openConnections.incrementAndGet(), Math::max);
				channel.closeFuture().addListener((closed) -> this.openConnections.decrementAndGet());
			})
			.route((routes) -> routes.get("/v1/threads/{id}", (request, response) -> response
				.header("Content-Type", "application/json")
				.sendString(Mono.just(THREAD).delayElement(Duration.ofMillis(5)))))
			.bindNow();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow();
		leakLogger().detachAppender(this.leaks);
		leakLogger().setAdditive(true);
		ResourceLeakDetector.setLevel(this.previousLevel);
	}

	@Test
	void completesEveryConcurrentCallWithoutLeaksWithinTheConnectionLimit() {
		assertThat(leakReportedFor(this::leakOneBuffer)).as("the leak detector reports in this test").isTrue();
		synchronized (this.leaks) {
			this.leaks.list.clear();
		}

		try (AssistantsTemplate client = AssistantsTemplate.builder()
			.baseUrl("http://127.0.0.1:" + this.server.port() + "/v1")
			.maxConnections(MAX_CONNECTIONS)
			.build()) {
			List<ThreadObject> threads = Flux.range(0, CALLS)
				.flatMap((i) -> client.getThread("thread_" + i), CALLS)
				.collectList()
				.block(Duration.ofSeconds(60));
			assertThat(threads).hasSize(CALLS).allSatisfy((thread) -> assertThat(thread.id()).isEqualTo("thread_abc123"));
		}
		assertThat(this.mostOpenConnections.get()).isBetween(1, MAX_CONNECTIONS);
		assertThat(leakReportedFor(() -> {
		})).as("leaks reported: %s", reports()).isFalse();
	}

	/** Collect garbage and allocate, which is when Netty reports leaked buffers. */
	private boolean leakReportedFor(Runnable action) {
		action.run();
		for (int i = 0; i < 10 && reports().isEmpty(); i++) {
			System.gc();
			for (int j = 0; j < 100; j++) {
				PooledByteBufAllocator.DEFAULT.buffer(64).release();
			}
			sleep();
		}
		return reports().stream().anyMatch((report) -> report.contains("LEAK"));
	}

	/** What the detector reported so far; Netty threads may report concurrently. */
	private List<String> reports() {
		synchronized (this.leaks) {
			return this.leaks.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		}
	}

	private void leakOneBuffer() {
		ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(16);
		leaked.writeInt(42);
	}

	private static Logger leakLogger() {
		return (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
