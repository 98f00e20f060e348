package dev.assistants.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The {@link BenchmarkServer} in a JVM of its own, so that the benchmark's process holds only the
 * client under measurement: its CPU time and allocations are the client's, and the two do not share
 * event loops.
 */
final class ServerProcess implements AutoCloseable {

	private final Process process;

	private final String baseUrl;

	ServerProcess() {
		String java = ProcessHandle.current().info().command().orElse("java");
		try {
			this.process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					BenchmarkServer.class.getName())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			BufferedReader out = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
			String line = out.readLine();
			if (line == null) {
				throw new IllegalStateException("The benchmark server did not start");
			}
			this.baseUrl = line;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String baseUrl() {
		return this.baseUrl;
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.process.destroyForcibly();
		}
	}

}
