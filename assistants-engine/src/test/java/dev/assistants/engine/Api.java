package dev.assistants.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API over plain HTTP, as one project's caller sees it: what is sent and answered is exactly
 * what goes over the wire.
 */
public final class Api {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final KeyHeader keyHeader;

	private final @Nullable String authorization;

	private Api(String baseUrl, KeyHeader keyHeader, @Nullable String authorization) {
		this.baseUrl = baseUrl;
		this.keyHeader = keyHeader;
		this.authorization = authorization;
	}

	/** A caller of a new project of its own, so that its lists hold only what it created. */
	public static Api newProject(String baseUrl) {
		return newProject(baseUrl, KeyHeader.AUTHORIZATION);
	}

	/** A caller of a new project of its own that sends its key in the given header. */
	public static Api newProject(String baseUrl, KeyHeader keyHeader) {
		return withKey(baseUrl, EngineServer.KEY_PREFIX + "project-" + UUID.randomUUID(), keyHeader);
	}

	public static Api withKey(String baseUrl, @Nullable String key) {
		return withKey(baseUrl, key, KeyHeader.AUTHORIZATION);
	}

	public static Api withKey(String baseUrl, @Nullable String key, KeyHeader keyHeader) {
		return new Api(baseUrl, keyHeader, (key != null) ? keyHeader.value(key) : null);
	}

	public static Api withAuthorization(String baseUrl, @Nullable String authorization) {
		return new Api(baseUrl, KeyHeader.AUTHORIZATION, authorization);
	}

	/** The key this caller sends. */
	public String key() {
		return (this.authorization != null) ? this.keyHeader.key(this.authorization) : "";
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, @Nullable String body) {
		return send("POST", path, body);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	/** A call that must succeed: its JSON body. */
	public JsonNode ok(String method, String path, @Nullable String body) {
		Response response = send(method, path, body);
		assertThat(response.status()).as("%s %s: %s", method, path, response.text()).isEqualTo(200);
		return response.json();
	}

	public Response send(String method, String path, @Nullable String body) {
		return join(sendAsync(method, path, body, null));
	}

	public CompletableFuture<Response> sendAsync(String method, String path, @Nullable String body,
			@Nullable String header) {
		return sendAsync(method, path, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, header, Map.of());
	}

	/** A request with further headers beside this caller's key. */
	public CompletableFuture<Response> sendWithHeaders(String method, String path, @Nullable String body,
			Map<String, String> headers) {
		return sendAsync(method, path, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, null, headers);
	}

	/**
	 * A POST of a {@code multipart/form-data} body: the fields in order, the file (if any) in the
	 * named field.
	 */
	public Response postForm(String path, Map<String, String> fields, @Nullable FormFile file) {
		String boundary = "----assistants" + UUID.randomUUID().toString().replace("-", "");
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		fields.forEach((name, value) -> write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name
				+ "\"\r\n\r\n" + value + "\r\n"));
		if (file != null) {
			write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field() + "\"; filename=\""
					+ file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
			body.writeBytes(file.content());
			write(body, "\r\n");
		}
		write(body, "--" + boundary + "--\r\n");
		return join(sendAsync("POST", path, body.toByteArray(), null,
				Map.of("Content-Type", "multipart/form-data; boundary=" + boundary)));
	}

	/** The bytes of a GET, such as a file's content. */
	public HttpResponse<byte[]> getBytes(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path)).timeout(Duration.ofSeconds(20));
		if (this.authorization != null) {
			request.header(this.keyHeader.header, this.authorization);
		}
		return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray()).join();
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/** A file of a form: its field, name, content type and bytes. */
	public record FormFile(String field, String filename, String contentType, byte[] content) {
	}

	/** A POST of these bytes as its JSON body, whatever they are. */
	public Response postBytes(String path, byte[] body) {
		return join(sendAsync("POST", path, body, null, Map.of()));
	}

	private CompletableFuture<Response> sendAsync(String method, String path, byte @Nullable [] body,
			@Nullable String header, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(20))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (body != null && !headers.containsKey("Content-Type")) {
			request.header("Content-Type", "application/json");
		}
		if (this.authorization != null) {
			request.header((header != null) ? header : this.keyHeader.header, this.authorization);
		}
		headers.forEach(request::header);
		return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).thenApply(Response::new);
	}

	/** Wait until the run has this status, and return it. */
	public JsonNode awaitRun(String threadId, String runId, String status) {
		return Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> get("/threads/" + threadId + "/runs/" + runId).json(),
					(run) -> status.equals(run.path("status").asString()));
	}

	/** The ids of a list's data, in order. */
	public static List<String> ids(JsonNode list) {
		List<String> ids = new ArrayList<>();
		list.path("data").forEach((object) -> ids.add(object.path("id").asString()));
		return ids;
	}

	public static String json(String text) {
		return JSON.writeValueAsString(text);
	}

	private static Response join(CompletableFuture<Response> response) {
		try {
			return response.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new UncheckedIOException(new IOException(ex.getCause()));
		}
	}

	/**
	 * An answer: its status, headers and body.
	 */
	/** Where a caller sends its key: as OpenAI's clients do, or as Azure-style clients do. */
	public enum KeyHeader {

		AUTHORIZATION("Authorization", "Bearer "), API_KEY("api-key", "");

		private final String header;

		private final String prefix;

		KeyHeader(String header, String prefix) {
			this.header = header;
			this.prefix = prefix;
		}

		/** The header's name. */
		public String header() {
			return this.header;
		}

		String value(String key) {
			return this.prefix + key;
		}

		String key(String value) {
			return value.substring(this.prefix.length());
		}

	}

	public record Response(int status, String text, java.net.http.HttpHeaders headers) {

		Response(HttpResponse<String> response) {
			this(response.statusCode(), response.body(), response.headers());
		}

		public JsonNode json() {
			return JSON.readTree(this.text);
		}

		/** The error's fields, checked to be in OpenAI's shape. */
		public JsonNode error() {
			JsonNode error = json().path("error");
			assertThat(error.isObject()).as("an OpenAI error: %s", this.text).isTrue();
			assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).isTrue();
			return error;
		}

		/** The events of a streamed answer: name and data of each. */
		public List<String[]> events() {
			assertThat(this.headers.firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
			List<String[]> events = new ArrayList<>();
			for (String frame : this.text.split("\n\n")) {
				if (!frame.isBlank()) {
					String[] lines = frame.split("\n", 2);
					events.add(new String[] { lines[0].substring("event: ".length()), lines[1].substring("data: ".length()) });
				}
			}
			return events;
		}

	}

}
