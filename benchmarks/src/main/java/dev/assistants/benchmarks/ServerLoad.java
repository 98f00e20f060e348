package dev.assistants.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A load driver for the Assistants server on PostgreSQL, as a team runs it: its executable jar, one
 * instance and then two on the same database, called at {@value #IN_FLIGHT} calls in flight (spread
 * over the instances as a load balancer would), warmed up for a minute. It measures the calls per
 * second, the p50 and p99 latencies and the servers' CPU time per call of creating a message,
 * getting a run and listing messages, and the runs completed per second on the deterministic model; beside them two floors: the {@link BareServer} (HTTP, the
 * same SQL and Jackson, nothing else) and the same rows read and written through bare JDBC at the
 * same concurrency; and the heap an open run stream takes on the server,
 * with {@value #STREAMS} streams open at once. Prints the results as the README's tables.
 */
public final class ServerLoad {

	static final int IN_FLIGHT = 64;

	static final int STREAMS = 1000;

	private static final Duration SERVER_WARM_UP = Duration.ofSeconds(60);

	private static final Duration WARM_UP = Duration.ofSeconds(15);

	private static final Duration MEASURED = Duration.ofSeconds(20);

	private static final int THREADS = IN_FLIGHT;

	private static final int MESSAGES_PER_THREAD = 20;

	private static final String KEY = "sk-load";

	private static final String PROJECT = "load";

	private static final Pattern RUN_ID = Pattern.compile("\"id\"\\s*:\\s*\"(run_[A-Za-z0-9]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient
		.create(ConnectionProvider.builder("load")
			.maxConnections(STREAMS + 2 * IN_FLIGHT)
			.pendingAcquireMaxCount(-1)
			.pendingAcquireTimeout(Duration.ofMinutes(1))
			.build())
		.headers((headers) -> headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + KEY)
			.set(HttpHeaderNames.CONTENT_TYPE, "application/json"));

	private final List<String> database;

	private final String jdbcUrl;

	private final List<String> threads = new ArrayList<>();

	private final List<String> runs = new ArrayList<>();

	private String assistant = "";

	private String message = "";

	private ServerLoad(String jdbcUrl) {
		this.jdbcUrl = jdbcUrl;
		this.database = List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
				"--spring.datasource.password=postgres", "--assistants.server.api-keys[0].key=" + KEY,
				"--assistants.server.api-keys[0].project=" + PROJECT);
	}

	public static void main(String[] args) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
			new ServerLoad(postgres.getJdbcUrl("postgres", "postgres")).run();
		}
		System.exit(0);
	}

	private void run() throws Exception {
		List<String> rows = new ArrayList<>();
		try (ServerJar first = new ServerJar(ServerJar.freePort(), this.database)) {
			createWorkload(first.baseUrl());
			rows.addAll(calls("1 instance", List.of(first)));
			try (ServerJar second = new ServerJar(ServerJar.freePort(), this.database)) {
				rows.addAll(calls("2 instances", List.of(first, second)));
			}
		}
		try (ServerJar bare = ServerJar.bare(ServerJar.freePort(), this.jdbcUrl)) {
			rows.addAll(bareCalls(bare));
		}
		rows.addAll(floor());
		String heap = heapPerStream();
		System.out.println();
		System.out.println("| Operation | Where | Calls/s | p50 (ms) | p99 (ms) | Server CPU per call (µs) |");
		System.out.println("|---|---|---|---|---|---|");
		rows.forEach(System.out::println);
		System.out.println();
		System.out.println(heap);
	}

	/** The same 64 threads of 20 messages, each with a completed run, for every instance. */
	private void createWorkload(String baseUrl) {
		this.assistant = json(callNow(HttpMethod.POST, baseUrl + "/assistants", "{\"model\":\"gpt-4o\",\"name\":\"Load\"}"))
			.path("id")
			.asString();
		StringBuilder messages = new StringBuilder();
		for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
			messages.append((i > 0) ? "," : "")
				.append("{\"role\":\"user\",\"content\":\"Where is order ")
				.append(1000 + i)
				.append("? It was due yesterday.\"}");
		}
		for (int i = 0; i < THREADS; i++) {
			String thread = json(callNow(HttpMethod.POST, baseUrl + "/threads", "{\"messages\":[" + messages + "]}"))
				.path("id")
				.asString();
			this.threads.add(thread);
			String stream = callNow(HttpMethod.POST, baseUrl + "/threads/" + thread + "/runs",
					"{\"assistant_id\":\"" + this.assistant + "\",\"stream\":true}");
			Matcher run = RUN_ID.matcher(stream);
			if (!stream.contains("event: thread.run.completed") || !run.find()) {
				throw new IllegalStateException("The workload's run did not complete: " + stream);
			}
			this.runs.add(run.group(1));
		}
		this.message = json(callNow(HttpMethod.GET, baseUrl + "/threads/" + this.threads.get(0) + "/messages?limit=1", null))
			.at("/data/0")
			.toString();
	}

	private List<String> calls(String where, List<ServerJar> servers) throws Exception {
		List<String> urls = servers.stream().map(ServerJar::baseUrl).toList();
		Map<String, LongFunction<Mono<String>>> operations = operations(urls);
		operations.put("run, streamed to completion", (i) -> call(HttpMethod.POST, url(urls, i) + "/threads/runs",
				streamedRun())
			.doOnNext((events) -> {
				if (!events.contains("event: thread.run.completed")) {
					throw new IllegalStateException("A run did not complete: " + events);
				}
			}));
		return measure(where, servers, operations);
	}

	/** The same calls on the {@link BareServer}: HTTP, the key, the SQL and Jackson, and nothing else. */
	private List<String> bareCalls(ServerJar bare) throws Exception {
		return measure("bare server", List.of(bare), operations(List.of(bare.baseUrl())));
	}

	/** The calls both the server and the bare server answer, spread over these servers. */
	private Map<String, LongFunction<Mono<String>>> operations(List<String> urls) {
		Map<String, LongFunction<Mono<String>>> operations = new LinkedHashMap<>();
		operations.put("create message", (i) -> call(HttpMethod.POST, url(urls, i) + "/threads/" + thread(i) + "/messages",
				"{\"role\":\"user\",\"content\":\"And order 1001? It was due today.\"}"));
		operations.put("get run", (i) -> call(HttpMethod.GET,
				url(urls, i) + "/threads/" + thread(i) + "/runs/" + this.runs.get((int) (i % THREADS)), null));
		operations.put("list messages (20)",
				(i) -> call(HttpMethod.GET, url(urls, i) + "/threads/" + thread(i) + "/messages?limit=20", null));
		return operations;
	}

	/** The servers warmed up with all the operations, then each operation measured. */
	private List<String> measure(String where, List<ServerJar> servers,
			Map<String, LongFunction<Mono<String>>> operations) throws Exception {
		warmUp(List.copyOf(operations.values()));
		List<String> rows = new ArrayList<>();
		for (Map.Entry<String, LongFunction<Mono<String>>> operation : operations.entrySet()) {
			rows.add(row(operation.getKey(), where, analyzed(() -> load(operation.getValue(), servers))));
		}
		return rows;
	}

	/**
	 * The operations in turn at {@value #IN_FLIGHT} in flight for {@link #SERVER_WARM_UP}: on 2
	 * cores a server's JIT compiles for a minute and more, and the operation measured first paid
	 * for it (get run measured first took 650 µs of the server's CPU per call, the same server warm
	 * 240 µs).
	 */
	private static void warmUp(List<LongFunction<Mono<String>>> operations) {
		long end = System.nanoTime() + SERVER_WARM_UP.toNanos();
		AtomicLong sequence = new AtomicLong();
		Flux.range(0, IN_FLIGHT).flatMap((caller) -> Mono.defer(() -> {
			long call = sequence.getAndIncrement();
			return operations.get((int) (call % operations.size())).apply(call / operations.size());
		}).repeat(() -> System.nanoTime() < end), IN_FLIGHT).blockLast();
	}

	/** The same rows through bare JDBC, one connection per caller: what PostgreSQL alone takes. */
	private List<String> floor() throws Exception {
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < IN_FLIGHT; i++) {
			connections.add(DriverManager.getConnection(this.jdbcUrl, "postgres", "postgres"));
		}
		try {
			List<String> rows = new ArrayList<>();
			rows.add(row("create message", "JDBC floor", analyzed(() -> jdbcLoad(connections, (connection, i) -> {
				connection.setAutoCommit(false);
				try (PreparedStatement lock = connection
					.prepareStatement("select id from threads where id = ? and project = ? for update");
						PreparedStatement insert = connection.prepareStatement("insert into messages (id, project, "
								+ "created_at, thread_id, run_id, body) values (?, ?, ?, ?, null, cast(? as jsonb))")) {
					lock.setString(1, thread(i));
					lock.setString(2, PROJECT);
					lock.executeQuery().close();
					String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
					insert.setString(1, id);
					insert.setString(2, PROJECT);
					insert.setLong(3, System.currentTimeMillis() / 1000);
					insert.setString(4, thread(i));
					insert.setString(5, this.message.replaceFirst("msg_[A-Za-z0-9]+", id));
					insert.executeUpdate();
					connection.commit();
				}
			}))));
			rows.add(row("get run", "JDBC floor", analyzed(() -> jdbcLoad(connections, (connection, i) -> read(connection,
					"select body::text from runs where id = ? and project = ?", this.runs.get((int) (i % THREADS)))))));
			rows.add(row("list messages (20)", "JDBC floor", analyzed(() -> jdbcLoad(connections, (connection, i) -> read(connection,
					"select body::text from messages where thread_id = ? and project = ? order by seq desc limit 20",
					thread(i))))));
			return rows;
		}
		finally {
			for (Connection connection : connections) {
				connection.close();
			}
		}
	}

	private static void read(Connection connection, String sql, String id) throws SQLException {
		connection.setAutoCommit(true);
		try (PreparedStatement select = connection.prepareStatement(sql)) {
			select.setString(1, id);
			select.setString(2, PROJECT);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					rows.getString(1);
				}
			}
		}
	}

	/**
	 * The heap of the server with {@value #STREAMS} runs streaming at once, over what it takes
	 * with none, per stream. The runs are answered by a model that sends one token and then holds
	 * its answer, so that every stream stays open.
	 */
	private String heapPerStream() throws InterruptedException {
		String chunk = "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\","
				+ "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n";
		DisposableServer model = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/chat/completions", (request, response) -> request.receive()
				.then()
				.thenMany(response.header(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
					.sendString(Flux.just(chunk).concatWith(Flux.never())))))
			.bindNow();
		List<String> arguments = new ArrayList<>(this.database);
		arguments.addAll(List.of("--assistants.server.model=spring-ai",
				"--spring.ai.openai.base-url=http://127.0.0.1:" + model.port() + "/v1", "--spring.ai.openai.api-key=sk-model",
				"--spring.ai.openai.max-retries=0"));
		List<Disposable> streams = new ArrayList<>();
		AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
		try (ServerJar server = new ServerJar(ServerJar.freePort(), arguments)) {
			long before = server.heapAfterGc();
			CountDownLatch open = new CountDownLatch(STREAMS);
			for (int i = 0; i < STREAMS; i++) {
				AtomicBoolean counted = new AtomicBoolean();
				streams.add(this.http.post()
					.uri(server.baseUrl() + "/threads/runs")
					.send(ByteBufFlux.fromString(Mono.just(streamedRun())))
					.responseContent()
					.asString()
					.subscribe((events) -> {
						if (events.contains("event: thread.run.in_progress") && counted.compareAndSet(false, true)) {
							open.countDown();
						}
					}, (ex) -> failed.compareAndSet(null, ex)));
			}
			if (!open.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException(open.getCount() + " of " + STREAMS + " streams did not open",
						failed.get());
			}
			long after = server.heapAfterGc();
			// the client leaves before the server stops, so that no stream ends in an error
			streams.forEach(Disposable::dispose);
			return String.format(Locale.ROOT, "Heap with %,d run streams open: %,d KB over %,d KB with none, %,.1f KB "
					+ "per stream", STREAMS, (after - before) / 1024, before / 1024, (after - before) / 1024.0 / STREAMS);
		}
		finally {
			streams.forEach(Disposable::dispose);
			model.disposeNow();
		}
	}

	/**
	 * What the measurement gives, taken on fresh statistics: the rows the operations before it wrote
	 * (tens of thousands of messages) are analyzed first, as autovacuum would soon, so that no
	 * operation is measured on a plan made for the table before them.
	 */
	private Latencies.Summary analyzed(Callable<Latencies.Summary> measurement) throws Exception {
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, "postgres", "postgres");
				java.sql.Statement analyze = connection.createStatement()) {
			analyze.execute("analyze");
		}
		return measurement.call();
	}

	/**
	 * Calls at {@value #IN_FLIGHT} in flight, warmed up, then measured, with the CPU time the
	 * servers took in the measured window.
	 */
	private static Latencies.Summary load(LongFunction<Mono<String>> call, List<ServerJar> servers) {
		Latencies latencies = new Latencies(IN_FLIGHT);
		AtomicLong sequence = new AtomicLong();
		Window window = Window.fromNow();
		CompletableFuture<Duration> cpuAtStart = Mono.delay(WARM_UP).map((tick) -> cpu(servers)).toFuture();
		CompletableFuture<Duration> cpuAtEnd = Mono.delay(WARM_UP.plus(MEASURED)).map((tick) -> cpu(servers)).toFuture();
		Flux.range(0, IN_FLIGHT).flatMap((caller) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return call.apply(sequence.getAndIncrement())
				.doOnNext((response) -> window.record(latencies, caller, start));
		}).repeat(() -> !window.isOver()), IN_FLIGHT).blockLast();
		return latencies.summary(MEASURED.toNanos(), cpuAtEnd.join().minus(cpuAtStart.join()));
	}

	private static Duration cpu(List<ServerJar> servers) {
		return servers.stream().map(ServerJar::cpu).reduce(Duration.ZERO, Duration::plus);
	}

	/** The same, on a JDBC connection per caller. */
	private static Latencies.Summary jdbcLoad(List<Connection> connections, Statement statement) throws Exception {
		Latencies latencies = new Latencies(IN_FLIGHT);
		AtomicLong sequence = new AtomicLong();
		Window window = Window.fromNow();
		ExecutorService callers = Executors.newFixedThreadPool(IN_FLIGHT);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int caller = 0; caller < IN_FLIGHT; caller++) {
				int callerIndex = caller;
				Connection connection = connections.get(caller);
				done.add(callers.submit(() -> {
					while (!window.isOver()) {
						long start = System.nanoTime();
						statement.execute(connection, sequence.getAndIncrement());
						window.record(latencies, callerIndex, start);
					}
					return null;
				}));
			}
			for (Future<?> caller : done) {
				caller.get();
			}
		}
		finally {
			callers.shutdownNow();
		}
		return latencies.summary(MEASURED.toNanos(), null);
	}

	private Mono<String> call(HttpMethod method, String url, @Nullable String body) {
		return this.http.request(method)
			.uri(url)
			.send((body != null) ? ByteBufFlux.fromString(Mono.just(body)) : Mono.empty())
			.responseSingle((response, content) -> content.asString().defaultIfEmpty("").map((text) -> {
				if (response.status().code() != 200) {
					throw new IllegalStateException(method + " " + url + ": " + response.status() + " " + text);
				}
				return text;
			}));
	}

	private String callNow(HttpMethod method, String url, @Nullable String body) {
		String response = call(method, url, body).block(Duration.ofSeconds(30));
		if (response == null) {
			throw new IllegalStateException(method + " " + url + ": no response");
		}
		return response;
	}

	/** A run of the workload's assistant on a new thread, streamed. */
	private String streamedRun() {
		return "{\"assistant_id\":\"" + this.assistant
				+ "\",\"stream\":true,\"thread\":{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}}";
	}

	private static JsonNode json(String text) {
		return JSON.readTree(text);
	}

	private String thread(long call) {
		return this.threads.get((int) (call % THREADS));
	}

	private static String url(List<String> urls, long call) {
		return urls.get((int) (call % urls.size()));
	}

	private static String row(String operation, String where, Latencies.Summary summary) {
		String row = "| " + operation + " | " + where + " | " + summary.row() + " |";
		System.out.println(row);
		return row;
	}

	/**
	 * The warm-up from now, then the measured window: the calls that start in it are recorded.
	 */
	private record Window(long measuredFrom, long end) {

		static Window fromNow() {
			long measuredFrom = System.nanoTime() + WARM_UP.toNanos();
			return new Window(measuredFrom, measuredFrom + MEASURED.toNanos());
		}

		void record(Latencies latencies, int caller, long start) {
			if (start >= this.measuredFrom) {
				latencies.record(caller, System.nanoTime() - start);
			}
		}

		boolean isOver() {
			return System.nanoTime() >= this.end;
		}

	}

	/** A statement of the floor, on a caller's connection, for the call with this number. */
	@FunctionalInterface
	private interface Statement {

		void execute(Connection connection, long call) throws SQLException;

	}

}
