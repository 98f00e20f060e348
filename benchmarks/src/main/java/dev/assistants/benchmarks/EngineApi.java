package dev.assistants.benchmarks;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import dev.assistants.engine.AssistantsEngine;

/**
 * An engine served on loopback by Reactor Netty, and the calls of the file search benchmarks to it
 * over HTTP, as clients make them (in the engine's development mode: no key).
 */
final class EngineApi implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final DisposableServer server;

	private final String baseUrl;

	EngineApi(AssistantsEngine engine) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(engine.httpHandler()))
			.bindNow();
		this.baseUrl = "http://127.0.0.1:" + this.server.port() + "/v1";
	}

	/** Upload a text file for the assistants. */
	JsonNode upload(String filename, byte[] content) throws Exception {
		String boundary = "----benchmark" + System.nanoTime();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
				+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
				+ "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + "/files"))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	/** A call with a JSON body, or none. */
	JsonNode json(String method, String path, String body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.header("Content-Type", "application/json")
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody()));
	}

	/** Wait until the vector store has no file in progress, and return it. */
	JsonNode awaitIngested(String vectorStoreId) throws Exception {
		JsonNode vectorStore = json("GET", "/vector_stores/" + vectorStoreId, null);
		while (vectorStore.at("/file_counts/in_progress").asInt() > 0) {
			Thread.sleep(100);
			vectorStore = json("GET", "/vector_stores/" + vectorStoreId, null);
		}
		return vectorStore;
	}

	private JsonNode send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.timeout(Duration.ofMinutes(2)).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException(response.statusCode() + ": " + response.body());
		}
		return JSON.readTree(response.body());
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
