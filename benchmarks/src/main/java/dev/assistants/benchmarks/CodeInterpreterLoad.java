package dev.assistants.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;

import dev.assistants.code.jupyter.LocalKernels;
import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeResult;

/**
 * code_interpreter's local kernels: the time to start a session (its sandbox and kernel, up to the
 * result of a first {@code pass}), the overhead of a trivial statement in a warm session (the
 * round trip through the driver and the kernel), and the memory each session takes once it has
 * imported what analyses use (numpy, pandas, matplotlib), as the proportional set size of its
 * processes, from which how many sessions fit a memory budget; with those sessions running a
 * CPU-bound statement at once, the time they take together.
 * <p>
 * Run with {@code java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
 * dev.assistants.benchmarks.CodeInterpreterLoad}; needs bubblewrap and Jupyter's Python kernel
 * ({@code .ci/kernels}).
 */
public final class CodeInterpreterLoad {

	private static final int STARTS = 10;

	private static final int WARM_UP = 50;

	private static final int MEASURED = 500;

	private static final int SESSIONS = 8;

	private static final long BUDGET = 4L * 1024 * 1024 * 1024;

	private CodeInterpreterLoad() {
	}

	public static void main(String[] args) throws Exception {
		String missing = LocalKernels.unavailable().orElse(null);
		if (missing != null) {
			throw new IllegalStateException("Cannot run kernels here: " + missing);
		}
		try (LocalKernels kernels = LocalKernels.builder().maxSessions(SESSIONS + 1).build()) {
			List<Long> starts = new ArrayList<>();
			for (int i = 0; i < STARTS; i++) {
				long start = System.nanoTime();
				CodeResult first = run(kernels, null, "pass");
				starts.add(System.nanoTime() - start);
				kernels.close(first.sessionId());
			}
			String session = run(kernels, null, "x = 0").sessionId();
			List<Long> trivial = new ArrayList<>();
			for (int i = 0; i < WARM_UP + MEASURED; i++) {
				long start = System.nanoTime();
				run(kernels, session, "x += 1");
				if (i >= WARM_UP) {
					trivial.add(System.nanoTime() - start);
				}
			}
			kernels.close(session);
			System.out.printf(Locale.ROOT, "Session start: p50 %.0f ms, max %.0f ms (%d starts)%n", percentile(starts, 50),
					percentile(starts, 100), STARTS);
			System.out.printf(Locale.ROOT, "Trivial statement in a warm session: p50 %.2f ms, p99 %.2f ms (%d runs)%n",
					percentile(trivial, 50), percentile(trivial, 99), MEASURED);

			List<String> sessions = new ArrayList<>();
			for (int i = 0; i < SESSIONS; i++) {
				sessions.add(run(kernels, null, "import numpy, pandas, matplotlib.pyplot as plt").sessionId());
			}
			long pss = sandboxesPss();
			System.out.printf(Locale.ROOT, "%d sessions with numpy, pandas and matplotlib imported: %.0f MB in all, "
					+ "%.0f MB each (PSS); %d fit in %d GB%n", SESSIONS, pss / 1e6, pss / 1e6 / SESSIONS,
					BUDGET / (pss / SESSIONS), BUDGET >> 30);
			long start = System.nanoTime();
			Flux.fromIterable(sessions)
				.flatMap((id) -> kernels.execute(new CodeExecution(id, "sum(i * i for i in range(3_000_000))", List.of())),
						SESSIONS)
				.blockLast(Duration.ofMinutes(5));
			long together = System.nanoTime() - start;
			start = System.nanoTime();
			run(kernels, sessions.get(0), "sum(i * i for i in range(3_000_000))");
			long alone = System.nanoTime() - start;
			System.out.printf(Locale.ROOT, "A CPU-bound statement: %.0f ms alone, %.0f ms for %d sessions at once on %d "
					+ "cores%n", alone / 1e6, together / 1e6, SESSIONS, Runtime.getRuntime().availableProcessors());
		}
	}

	private static CodeResult run(LocalKernels kernels, String session, String code) {
		return kernels.execute(new CodeExecution(session, code, List.of())).block(Duration.ofMinutes(2));
	}

	/** The proportional set size of every process of the sandboxes: their drivers and kernels. */
	private static long sandboxesPss() throws IOException {
		long pss = 0;
		try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
			for (Path process : processes.filter((path) -> path.getFileName().toString().matches("\\d+")).toList()) {
				try {
					String command = Files.readString(process.resolve("cmdline"), StandardCharsets.ISO_8859_1);
					if (command.contains("kernel_driver.py") || command.contains("ipykernel_launcher")) {
						for (String line : Files.readAllLines(process.resolve("smaps_rollup"))) {
							if (line.startsWith("Pss:")) {
								pss += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
							}
						}
					}
				}
				catch (IOException ex) {
					// the process ended
				}
			}
		}
		return pss;
	}

	private static double percentile(List<Long> nanos, int percentile) {
		List<Long> sorted = nanos.stream().sorted().toList();
		int index = Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1e6;
	}

}
