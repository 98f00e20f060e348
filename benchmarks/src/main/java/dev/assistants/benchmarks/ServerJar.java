package dev.assistants.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Assistants server as a team runs it: its executable jar in a JVM of its own, on a port of its
 * own, started with the given arguments and ready once its health is {@code UP}; or, as a floor,
 * the {@link BareServer} the same way.
 */
final class ServerJar implements AutoCloseable {

	/** Where {@code ./mvnw package} puts the server's executable jar. */
	static final Path JAR = Path.of("assistants-server/target/assistants-server-0.1.0-SNAPSHOT.jar");

	/**
	 * The system property whose value, split at spaces, is added to the server's JVM options (for
	 * example {@code -XX:StartFlightRecording=filename=server.jfr} to profile it).
	 */
	static final String JVM_OPTIONS = "benchmarks.server.jvm-options";

	private static final Pattern USED_HEAP = Pattern.compile("used (\\d+)K");

	private final Process process;

	private final int port;

	ServerJar(int port, List<String> arguments) {
		this("assistants-server", port, jarCommand(port, arguments));
	}

	private ServerJar(String name, int port, List<String> command) {
		this.port = port;
		try {
			File log = Files.createTempFile(name + "-" + port, ".log").toFile();
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
				.start();
			awaitUp(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The {@link BareServer} on the given database, in a JVM of its own with the same heap as the
	 * server's.
	 */
	static ServerJar bare(int port, String jdbcUrl) {
		return new ServerJar("bare-server", port, List.of(java("java"), "-Xmx1g", "-cp",
				System.getProperty("java.class.path"), BareServer.class.getName(), String.valueOf(port), jdbcUrl));
	}

	private static List<String> jarCommand(int port, List<String> arguments) {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException("No server jar at " + JAR.toAbsolutePath() + ": build it first (./mvnw -B -q "
					+ "-pl benchmarks,assistants-server -am package -DskipTests), from the project's root");
		}
		List<String> command = new ArrayList<>(List.of(java("java"), "-Xmx1g"));
		String options = System.getProperty(JVM_OPTIONS, "");
		if (!options.isBlank()) {
			command.addAll(List.of(options.trim().split("\\s+")));
		}
		command.addAll(List.of("-jar", JAR.toString(), "--server.port=" + port, "--logging.level.root=WARN"));
		command.addAll(arguments);
		return command;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port + "/v1";
	}

	/** A port free on this machine now. */
	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The server's live threads, as Linux counts them. */
	int threads() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(this.process.pid()), "status"))) {
				if (line.startsWith("Threads:")) {
					return Integer.parseInt(line.substring("Threads:".length()).trim());
				}
			}
			throw new IllegalStateException("/proc does not count the server's threads");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The CPU time the server's process has taken so far. */
	Duration cpu() {
		return this.process.toHandle().info().totalCpuDuration().orElseThrow();
	}

	/** The heap the server's objects take after a full collection, in bytes. */
	long heapAfterGc() {
		String pid = String.valueOf(this.process.pid());
		jcmd(pid, "GC.run");
		Matcher used = USED_HEAP.matcher(jcmd(pid, "GC.heap_info"));
		if (!used.find()) {
			throw new IllegalStateException("jcmd GC.heap_info did not say the heap used");
		}
		return Long.parseLong(used.group(1)) * 1024;
	}

	private void awaitUp(File log) throws IOException {
		HttpClient http = HttpClient.newHttpClient();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (System.nanoTime() < deadline && this.process.isAlive()) {
			try {
				HttpResponse<String> health = http.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health"))
					.timeout(Duration.ofSeconds(2))
					.build(), HttpResponse.BodyHandlers.ofString());
				if (health.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			sleep(200);
		}
		close();
		throw new IllegalStateException("The server on port " + this.port + " did not start:\n"
				+ Files.readString(log.toPath(), StandardCharsets.UTF_8));
	}

	private static String jcmd(String pid, String command) {
		try {
			Process jcmd = new ProcessBuilder(java("jcmd"), pid, command).redirectErrorStream(true).start();
			String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			jcmd.waitFor();
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A tool of the JDK that runs this benchmark. */
	private static String java(String tool) {
		return Path.of(System.getProperty("java.home"), "bin", tool).toString();
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
