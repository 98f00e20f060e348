package dev.assistants.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's executable jar, processed ahead of time at build time ({@code process-aot}), started
 * with {@code -Dspring.aot.enabled=true} as a native image would run it: it starts from the
 * generated initializers, holds its startup conversation and answers a chat.
 */
class SampleApplicationAotIT {

	private static final Path JAR = Path.of("target", "assistants-sample-app-0.1.0-SNAPSHOT.jar");

	private static final Pattern PORT = Pattern.compile("Netty started on port (\\d+)");

	@Test
	void startsAndChatsFromTheAotProcessedApplication() throws Exception {
		assertThat(JAR).exists();
		assertThat(Files.exists(Path.of("target", "spring-aot", "main", "sources"))).as("process-aot ran").isTrue();
		Process sample = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", JAR.toString(), "--server.port=0")
			.redirectErrorStream(true)
			.start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> read(sample, output));
		reader.start();
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> output.stream().anyMatch((line) -> line.contains("Assistant: ")) || !sample.isAlive());
			assertThat(output).as("the AOT-processed startup and its conversation")
				.anySatisfy((line) -> assertThat(line).contains("Starting AOT-processed SampleApplication"))
				.anySatisfy((line) -> assertThat(line).contains("Assistant: Here is what I found: Order 42: shipped"));
			int port = output.stream()
				.map(PORT::matcher)
				.filter(Matcher::find)
				.map((matcher) -> Integer.parseInt(matcher.group(1)))
				.findFirst()
				.orElseThrow();
			Map<?, ?> reply = WebClient.create("http://127.0.0.1:" + port)
				.post()
				.uri("/chat")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(Map.of("message", "What is the status of order 7?"))
				.retrieve()
				.bodyToMono(Map.class)
				.block(Duration.ofSeconds(10));
			assertThat(reply.get("reply")).isEqualTo("Here is what I found: Order 7: being packed");
			assertThat(output).noneSatisfy((line) -> assertThat(line).contains(" ERROR "));
		}
		finally {
			sample.destroy();
			sample.waitFor();
			reader.join();
		}
	}

	private static void read(Process process, List<String> output) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			Optional<String> line;
			while ((line = Optional.ofNullable(lines.readLine())).isPresent()) {
				output.add(line.get());
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

}
