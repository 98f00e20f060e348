package dev.assistants.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.management.OperatingSystemMXBean;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * Many runs streaming at once from one instance of the Assistants server (its jar, on PostgreSQL),
 * each answered by a fake OpenAI-compatible model that streams a word every
 * {@value #WORD_MILLIS} ms, each run's events read by a client: with 10, 1,000 and 2,000 runs at
 * once, and with {@value #ARRIVING} runs arriving one after another at 50, 100 and 200 per second,
 * how long after its run each model request starts, the server's threads, the tokens per
 * second delivered against those offered, and the server's CPU time per token beside what the
 * fake model and the clients cost (the same streams read straight from the fake model, without the
 * server); the server's CPU time split into what a run costs and what each token costs (1,000 runs
 * of {@value #WORDS} words and of {@value #MORE_WORDS}); then the heap per open run stream with
 * {@value #HELD} open. Once per chat model named as
 * an argument ({@code openai-compatible}, the server's default, and {@code openai}, Spring AI's
 * own, by default).
 */
public final class ConcurrentRunsLoad {

	static final int[] LEVELS = { 10, 1_000, 2_000 };

	/**
	 * Arrival rates (runs per second) at which {@value #ARRIVING} runs arrive one after another,
	 * beside the levels' bursts, where every run of a level is created in the same second.
	 */
	static final int[] ARRIVAL_RATES = { 50, 100, 200 };

	static final int ARRIVING = 1_000;

	static final int WORDS = 100;

	static final int WORD_MILLIS = 20;

	static final int HELD = 2_000;

	private static final String KEY = "sk-load";

	/** More words per answer, beside {@link #WORDS}, to tell the CPU time a run takes from a token's. */
	static final int MORE_WORDS = 500;

	private static final Pattern RUN = Pattern.compile("run (\\d+) in (\\d+) words");

	private static final String CHUNK = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
			+ "\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"word \"},\"finish_reason\":null}]}\n\n";

	private static final String END = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
			+ "\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
			+ "data: [DONE]\n\n";

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final HttpClient http = HttpClient
		.create(ConnectionProvider.builder("runs")
			.maxConnections(2 * HELD + 100)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(5))
			.build())
		.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + KEY)
			.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));

	/** When each run's model request arrived, by the run's number. */
	private final Map<Integer, Long> modelRequests = new ConcurrentHashMap<>();

	private final AtomicInteger runNumbers = new AtomicInteger();

	private final DisposableServer model;

	private volatile boolean holding;

	private String assistant = "";

	private String jdbcUrl = "";

	private ConcurrentRunsLoad() {
		this.model = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> request.receive()
				.aggregate()
				.asString()
				.flatMap((body) -> {
					long arrived = System.nanoTime();
					Matcher run = RUN.matcher(body);
					int words = WORDS;
					if (run.find()) {
						this.modelRequests.put(Integer.parseInt(run.group(1)), arrived);
						words = Integer.parseInt(run.group(2));
					}
					return response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream").sendString(answer(words)).then();
				})))
			.bindNow();
	}

	public static void main(String[] args) throws Exception {
		List<String> chatModels = (args.length > 0) ? Arrays.asList(args) : List.of("openai-compatible", "openai");
		ConcurrentRunsLoad load = new ConcurrentRunsLoad();
		List<String> rows = new ArrayList<>();
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			rows.addAll(load.modelAlone());
			for (String chatModel : chatModels) {
				rows.addAll(load.server(postgres.getJdbcUrl("postgres", "postgres"), chatModel));
			}
		}
		finally {
			load.model.disposeNow();
		}
		System.out.println();
		System.out.println("| Chat model | Runs at once | Model request after the run is created: p50, p99, max (ms) "
				+ "| Server threads: idle, most | Tokens/s delivered (offered) | CPU per token: server, model and clients (µs) |");
		System.out.println("|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.exit(0);
	}

	/** The fake model's answer: a word every {@value #WORD_MILLIS} ms, or one word and then nothing. */
	private Flux<String> answer(int words) {
		if (this.holding) {
			return Flux.just(CHUNK).concatWith(Flux.never());
		}
		return Flux.interval(Duration.ofMillis(WORD_MILLIS)).take(words).map((tick) -> CHUNK).concatWith(Mono.just(END));
	}

	/** The fake model's and the clients' own cost: the same streams read straight from it. */
	private List<String> modelAlone() {
		List<String> rows = new ArrayList<>();
		for (int runs : LEVELS) {
			long cpu = OS.getProcessCpuTime();
			long start = System.nanoTime();
			Flux.range(0, runs)
				.flatMap((i) -> this.http.post()
					.uri("http://127.0.0.1:" + this.model.port() + "/v1/chat/completions")
					.send(ByteBufFlux.fromString(Mono.just("{\"messages\":[]}")))
					.responseContent()
					.asString()
					.count(), runs)
				.blockLast(Duration.ofMinutes(10));
			double seconds = (System.nanoTime() - start) / 1e9;
			long tokens = (long) runs * WORDS;
			rows.add(row("(the fake model alone)", String.format(Locale.ROOT, "%,d", runs), "", "", tokens / seconds, runs * 1000.0 / WORD_MILLIS, null,
					(OS.getProcessCpuTime() - cpu) / 1e3 / tokens));
		}
		return rows;
	}

	private List<String> server(String jdbcUrl, String chatModel) throws InterruptedException, SQLException {
		this.jdbcUrl = jdbcUrl;
		List<String> arguments = List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--assistants.server.api-keys[0].key=" + KEY,
				"--assistants.server.api-keys[0].project=load", "--assistants.server.model=spring-ai",
				"--spring.ai.model.chat=" + chatModel,
				"--spring.ai.openai.base-url=http://127.0.0.1:" + this.model.port() + "/v1",
				"--spring.ai.openai.api-key=sk-model", "--spring.ai.openai.max-retries=0",
				"--assistants.server.model-timeout=10m");
		List<String> rows = new ArrayList<>();
		try (ServerJar server = new ServerJar(ServerJar.freePort(), arguments)) {
			this.assistant = this.http.post()
				.uri(server.baseUrl() + "/assistants")
				.send(ByteBufFlux.fromString(Mono.just("{\"model\":\"gpt-4o\"}")))
				.responseSingle((response, body) -> body.asString())
				.map((body) -> body.replaceAll("(?s).*\"id\"\\s*:\\s*\"(asst_[^\"]+)\".*", "$1"))
				.block(Duration.ofSeconds(30));
			// the JIT compiles the paths a stream takes
			streamRuns(server, LEVELS[1], 20, 0);
			int idle = server.threads();
			for (int runs : LEVELS) {
				rows.add(level(server, chatModel, runs, idle, WORDS, 0).row());
			}
			for (int rate : ARRIVAL_RATES) {
				rows.add(level(server, chatModel, ARRIVING, idle, WORDS, rate).row());
			}
			Level few = level(server, chatModel, LEVELS[1], idle, WORDS, 0);
			Level many = level(server, chatModel, LEVELS[1], idle, MORE_WORDS, 0);
			rows.add(few.row());
			rows.add(many.row());
			double perToken = (many.serverNanos() - few.serverNanos()) / 1e3 / ((long) LEVELS[1] * (MORE_WORDS - WORDS));
			double perRun = (few.serverNanos() / 1e3 - perToken * LEVELS[1] * WORDS) / LEVELS[1];
			rows.add(String.format(Locale.ROOT, "| %s | %,d runs of %d and of %d words | server CPU: %.0f µs per run and "
					+ "%.1f µs per token | | | |", chatModel, LEVELS[1], WORDS, MORE_WORDS, perRun, perToken));
			rows.add(heapPerStream(server, chatModel));
		}
		return rows;
	}

	/**
	 * {@code runs} runs of {@code words} words streamed to their end, all at once or arriving at
	 * {@code perSecond}, measured, on fresh statistics: the levels before wrote thousands of runs,
	 * which {@code ANALYZE} takes in as autovacuum would soon.
	 */
	private Level level(ServerJar server, String chatModel, int runs, int idleThreads, int words, int perSecond)
			throws InterruptedException, SQLException {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "postgres", "postgres");
				Statement analyze = connection.createStatement()) {
			analyze.execute("analyze");
		}
		this.modelRequests.clear();
		AtomicInteger mostThreads = new AtomicInteger(server.threads());
		Thread sampler = new Thread(() -> {
			while (!Thread.currentThread().isInterrupted()) {
				mostThreads.accumulateAndGet(server.threads(), Math::max);
				ServerJar.sleep(100);
			}
		});
		sampler.setDaemon(true);
		sampler.start();
		long serverCpu = server.cpu().toNanos();
		long ownCpu = OS.getProcessCpuTime();
		long start = System.nanoTime();
		List<RunStream> streams = streamRuns(server, runs, words, perSecond);
		double seconds = (System.nanoTime() - start) / 1e9;
		long serverNanos = server.cpu().toNanos() - serverCpu;
		long ownNanos = OS.getProcessCpuTime() - ownCpu;
		sampler.interrupt();
		sampler.join();
		long[] delays = new long[runs];
		for (int i = 0; i < runs; i++) {
			RunStream stream = streams.get(i);
			Long arrived = this.modelRequests.get(stream.number);
			if (arrived == null || stream.deltas.get() != words || !stream.completed) {
				throw new IllegalStateException("Run " + stream.number + " did not stream its " + words + " words: "
						+ stream.deltas.get() + " deltas, completed " + stream.completed);
			}
			delays[i] = Math.max(0, arrived - stream.created.get());
		}
		Arrays.sort(delays);
		long tokens = (long) runs * words;
		String level = (perSecond > 0) ? String.format(Locale.ROOT, "%,d arriving at %d/s", runs, perSecond)
				: String.format(Locale.ROOT, "%,d", runs);
		// runs arriving at a steady rate each offer a word per word time for words x word time: rate x words a second
		double offered = (perSecond > 0) ? (double) perSecond * words : runs * 1000.0 / WORD_MILLIS;
		return new Level(serverNanos, row(chatModel + " (" + words + " words)", level,
				String.format(Locale.ROOT, "%.1f, %.1f, %.1f", millis(delays, 0.5), millis(delays, 0.99),
						delays[runs - 1] / 1e6),
				idleThreads + ", " + mostThreads.get(), tokens / seconds, offered, serverNanos / 1e3 / tokens,
				ownNanos / 1e3 / tokens));
	}

	/**
	 * Streams {@code runs} runs, each on a new thread, to their end: all at once, or one after
	 * another at {@code perSecond}.
	 */
	private List<RunStream> streamRuns(ServerJar server, int runs, int words, int perSecond) {
		List<RunStream> streams = new ArrayList<>();
		for (int i = 0; i < runs; i++) {
			streams.add(new RunStream(this.runNumbers.incrementAndGet()));
		}
		Flux<RunStream> arrivals = Flux.fromIterable(streams);
		if (perSecond > 0) {
			arrivals = arrivals.delayElements(Duration.ofNanos(1_000_000_000L / perSecond));
		}
		arrivals.flatMap((stream) -> this.http.post()
			.uri(server.baseUrl() + "/threads/runs")
			.send(ByteBufFlux.fromString(Mono.just(run(stream.number, words))))
			.responseContent()
			.asString()
			.doOnNext(stream::read), runs).blockLast(Duration.ofMinutes(10));
		return streams;
	}

	/**
	 * The heap of the server with {@value #HELD} runs streaming at once, over what it takes with
	 * none, per stream: each answer sends a word and then holds.
	 */
	private String heapPerStream(ServerJar server, String chatModel) throws InterruptedException {
		this.holding = true;
		List<Disposable> streams = new ArrayList<>();
		try {
			long before = server.heapAfterGc();
			CountDownLatch open = new CountDownLatch(HELD);
			for (int i = 0; i < HELD; i++) {
				RunStream stream = new RunStream(this.runNumbers.incrementAndGet());
				streams.add(this.http.post()
					.uri(server.baseUrl() + "/threads/runs")
					.send(ByteBufFlux.fromString(Mono.just(run(stream.number, 1))))
					.responseContent()
					.asString()
					.subscribe((text) -> {
						if (stream.read(text) && stream.deltas.get() == 1) {
							open.countDown();
						}
					}));
			}
			if (!open.await(5, TimeUnit.MINUTES)) {
				throw new IllegalStateException(open.getCount() + " of " + HELD + " streams did not open");
			}
			long after = server.heapAfterGc();
			return String.format(Locale.ROOT, "| %s | %,d held open | heap %,d KB over %,d KB with none: %,.1f KB per "
					+ "stream | %d threads | | |", chatModel, HELD, (after - before) / 1024, before / 1024,
					(after - before) / 1024.0 / HELD, server.threads());
		}
		finally {
			// the clients leave before the server stops, so that no stream ends in an error
			streams.forEach(Disposable::dispose);
			this.holding = false;
		}
	}

	private String run(int number, int words) {
		return "{\"assistant_id\":\"" + this.assistant + "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\","
				+ "\"content\":\"Tell me about run " + number + " in " + words + " words\"}]}}";
	}

	private static double millis(long[] sorted, double quantile) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)] / 1e6;
	}

	private static String row(String chatModel, String runs, String delays, String threads, double delivered,
			double offered, Double serverMicros, double ownMicros) {
		String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %,.0f (%,.0f) | %s%.1f |", chatModel, runs, delays,
				threads, delivered, offered,
				(serverMicros != null) ? String.format(Locale.ROOT, "%.1f, ", serverMicros) : "", ownMicros);
		System.out.println(row);
		return row;
	}

	/**
	 * What a level measured: the server's CPU time, and its row of the table.
	 *
	 * @param serverNanos the server's CPU time
	 * @param row the row
	 */
	private record Level(long serverNanos, String row) {
	}

	/**
	 * One run's event stream as the client reads it: when its run was created, how many message
	 * deltas came, whether it completed. Event names cut between two reads are still found.
	 */
	private static final class RunStream {

		private static final int TAIL = 40;

		private final int number;

		private final AtomicLong created = new AtomicLong();

		private final AtomicInteger deltas = new AtomicInteger();

		private volatile boolean completed;

		private String tail = "";

		RunStream(int number) {
			this.number = number;
		}

		/** Reads the next piece of the stream; whether a message delta came in it. */
		synchronized boolean read(String piece) {
			String text = this.tail + piece;
			if (this.created.get() == 0 && found(text, "event: thread.run.created")) {
				this.created.set(System.nanoTime());
			}
			int before = this.deltas.get();
			for (int at = text.indexOf("event: thread.message.delta"); at >= 0;
					at = text.indexOf("event: thread.message.delta", at + 1)) {
				if (at + "event: thread.message.delta".length() > this.tail.length()) {
					this.deltas.incrementAndGet();
				}
			}
			if (found(text, "event: thread.run.completed")) {
				this.completed = true;
			}
			this.tail = text.substring(Math.max(0, text.length() - TAIL));
			return this.deltas.get() > before;
		}

		/** Whether the event's name ends in the new piece (the tail's names were found before). */
		private boolean found(String text, String event) {
			int at = text.lastIndexOf(event);
			return at >= 0 && at + event.length() > this.tail.length();
		}

	}

}
