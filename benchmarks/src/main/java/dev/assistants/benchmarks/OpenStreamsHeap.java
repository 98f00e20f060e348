package dev.assistants.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

/**
 * The heap a client holds for each open run stream: {@value #STREAMS} run streams open at once
 * against the {@link BenchmarkServer} (in a process of its own), each having received the run's
 * first events while the server holds it open, as a run waiting for its model does; the client's
 * heap after a full collection with them all open, over its heap with none, per stream. Each
 * client is measured in a JVM of its own.
 * <p>
 * {@code java ... OpenStreamsHeap [client ...]}, clients of {@link BenchmarkClient} that stream (by
 * default {@code assistants} and {@code raw}); with {@code -Dbenchmarks.histogram=true} it also
 * prints the classes whose instances grew the most.
 */
public final class OpenStreamsHeap {

	static final int STREAMS = 1_000;

	private static final String CHILD = "benchmarks.open-streams-heap.client";

	private OpenStreamsHeap() {
	}

	public static void main(String[] args) throws Exception {
		String client = System.getProperty(CHILD);
		if (client != null) {
			System.out.println(measure(client));
			System.exit(0);
		}
		List<String> clients = (args.length > 0) ? List.of(args) : List.of("assistants", "raw");
		System.out.println("| Client | Heap with none (KB) | With " + String.format(Locale.ROOT, "%,d", STREAMS)
				+ " streams open (KB) | Per stream (KB) |");
		System.out.println("|---|---|---|---|");
		for (String name : clients) {
			System.out.println(inJvmOfItsOwn(name));
		}
	}

	private static String inJvmOfItsOwn(String client) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-D" + CHILD + "=" + client));
		if (Boolean.getBoolean("benchmarks.histogram")) {
			command.add("-Dbenchmarks.histogram=true");
		}
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), OpenStreamsHeap.class.getName()));
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (process.waitFor() != 0) {
			throw new IllegalStateException("Measuring " + client + " failed: " + out);
		}
		return out;
	}

	private static String measure(String name) throws Exception {
		try (ServerProcess server = new ServerProcess(); BenchmarkClient client = BenchmarkClient.create(name, server.baseUrl())) {
			// the first streams load and initialize what every stream uses
			open(client, 100).forEach(Disposable::dispose);
			client.streamRun(BenchmarkServer.SHORT_RUN).blockLast();
			long before = heapAfterGc();
			String histogramBefore = histogram();
			List<Disposable> streams = open(client, STREAMS);
			long after = heapAfterGc();
			String grown = Boolean.getBoolean("benchmarks.histogram") ? "\n" + grown(histogramBefore, histogram()) : "";
			streams.forEach(Disposable::dispose);
			return String.format(Locale.ROOT, "| %s | %,d | %,d | %.1f |%s", name, before / 1024, after / 1024,
					(after - before) / 1024.0 / STREAMS, grown);
		}
	}

	/** This many run streams, each open once it has received the run's first events. */
	private static List<Disposable> open(BenchmarkClient client, int count) throws InterruptedException {
		CountDownLatch open = new CountDownLatch(count);
		AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
		List<Disposable> streams = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			AtomicInteger events = new AtomicInteger();
			streams.add(client.streamRun(BenchmarkServer.HELD_RUN).subscribe((event) -> {
				if (events.incrementAndGet() == BenchmarkServer.HELD_RUN_EVENTS) {
					open.countDown();
				}
			}, (ex) -> failed.compareAndSet(null, ex)));
		}
		if (!open.await(1, TimeUnit.MINUTES)) {
			throw new IllegalStateException(open.getCount() + " of " + count + " streams did not open", failed.get());
		}
		return streams;
	}

	private static long heapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static String histogram() throws Exception {
		if (!Boolean.getBoolean("benchmarks.histogram")) {
			return "";
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		Process process = new ProcessBuilder(jcmd, String.valueOf(ProcessHandle.current().pid()), "GC.class_histogram")
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor();
		return out;
	}

	/** The classes whose instances take the most more bytes in the second histogram than in the first. */
	private static String grown(String before, String after) {
		Map<String, long[]> bytes = new HashMap<>();
		read(before, bytes, 0);
		read(after, bytes, 1);
		StringBuilder top = new StringBuilder();
		bytes.entrySet()
			.stream()
			.sorted((a, b) -> Long.compare(b.getValue()[1] - b.getValue()[0], a.getValue()[1] - a.getValue()[0]))
			.limit(25)
			.forEach((entry) -> top.append(String.format(Locale.ROOT, "%10.1f B per stream  %s%n",
					(entry.getValue()[1] - entry.getValue()[0]) / (double) STREAMS, entry.getKey())));
		return top.toString();
	}

	private static void read(String histogram, Map<String, long[]> bytes, int column) {
		for (String line : histogram.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":")) {
				bytes.computeIfAbsent(fields[3], (name) -> new long[2])[column] = Long.parseLong(fields[2]);
			}
		}
	}

}
