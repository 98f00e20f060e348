package dev.assistants.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executable jar run as a user runs it, {@code java -jar}, in a process of its own: its output
 * kept, its port read from Boot's log, stopped gracefully or killed.
 */
final class JarProcess implements AutoCloseable {

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	private final Process process;

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private JarProcess(Process process) {
		this.process = process;
		this.reader = new Thread(this::read);
		this.reader.start();
	}

	/**
	 * Start a jar.
	 * @param jar the jar
	 * @param environment environment variables to add
	 * @param arguments the application's arguments
	 */
	static JarProcess start(Path jar, Map<String, String> environment, String... arguments) {
		assertThat(jar).as("the jar; build it with ./mvnw install").exists();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		try {
			return new JarProcess(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Wait until a line of the output holds this text; fail if the process ends first. */
	JarProcess awaitLine(String text, Duration atMost) {
		Awaitility.await()
			.atMost(atMost)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.output.stream().anyMatch((line) -> line.contains(text)) || !this.process.isAlive());
		assertThat(this.output).as("the output of the process").anySatisfy((line) -> assertThat(line).contains(text));
		return this;
	}

	/** The port the application's web server started on. */
	int port() {
		awaitLine("Netty started on port", Duration.ofSeconds(60));
		return this.output.stream()
			.map(PORT::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Integer.parseInt(matcher.group(1)))
			.findFirst()
			.orElseThrow();
	}

	List<String> output() {
		return List.copyOf(this.output);
	}

	/** End the process at once, as a crash or {@code kill -9} does: no shutdown, no cleanup. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	/** Stop the process gracefully, as Ctrl+C does. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
		this.reader.join();
	}

	/** Keep the output in a file, to read after the test. */
	void saveOutput(Path file) {
		try {
			Files.createDirectories(file.getParent());
			Files.write(file, this.output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				this.output.add(line);
			}
		}
		catch (IOException ex) {
			this.output.add("Could not read the process's output: " + ex);
		}
	}

}
