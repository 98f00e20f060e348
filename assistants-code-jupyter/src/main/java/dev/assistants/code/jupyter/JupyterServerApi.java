package dev.assistants.code.jupyter;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.engine.code.CodeExecutionException;

/**
 * The kernels API of a Jupyter Server (or Kernel Gateway, Enterprise Gateway): kernels started,
 * looked up, interrupted, restarted and deleted over REST, and their channels over a WebSocket. The
 * token goes in each request's {@code Authorization} header and nowhere else.
 */
final class JupyterServerApi {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	private final URI baseUrl;

	private final @Nullable String token;

	private final Duration timeout;

	JupyterServerApi(URI baseUrl, @Nullable String token, Duration timeout) {
		this.baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/");
		this.token = token;
		this.timeout = timeout;
		this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
	}

	/** Start a kernel of that kernelspec; its description, with its {@code id}. */
	JsonNode start(String kernelName) {
		return JSON.readTree(send("POST", "api/kernels", "{\"name\":" + JSON.writeValueAsString(kernelName) + "}", 201));
	}

	/** The kernel of that ID, if the server has it. */
	Optional<JsonNode> find(String kernelId) {
		HttpResponse<String> response = exchange("GET", "api/kernels/" + kernelId, null);
		if (response.statusCode() == 404) {
			return Optional.empty();
		}
		return Optional.of(JSON.readTree(checked(response, 200)));
	}

	void interrupt(String kernelId) {
		send("POST", "api/kernels/" + kernelId + "/interrupt", "", 204);
	}

	void restart(String kernelId) {
		send("POST", "api/kernels/" + kernelId + "/restart", "", 200);
	}

	void delete(String kernelId) {
		HttpResponse<String> response = exchange("DELETE", "api/kernels/" + kernelId, null);
		if (response.statusCode() != 404) {
			checked(response, 204);
		}
	}

	/** Open the kernel's channels. */
	CompletableFuture<WebSocket> connect(String kernelId, WebSocket.Listener listener) {
		URI channels = this.baseUrl.resolve("api/kernels/" + kernelId + "/channels?session_id=" + UUID.randomUUID());
		URI socket = URI.create(channels.toString().replaceFirst("^http", "ws"));
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(this.timeout);
		if (this.token != null) {
			builder.header("Authorization", "token " + this.token);
		}
		return builder.buildAsync(socket, listener);
	}

	private String send(String method, String path, @Nullable String body, int expected) {
		return checked(exchange(method, path, body), expected);
	}

	private HttpResponse<String> exchange(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(this.timeout)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json");
		if (this.token != null) {
			request.header("Authorization", "token " + this.token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new CodeExecutionException("The Jupyter Server at " + this.baseUrl + " could not be reached: "
					+ ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CodeExecutionException("Interrupted while calling the Jupyter Server at " + this.baseUrl, ex);
		}
	}

	private String checked(HttpResponse<String> response, int expected) {
		if (response.statusCode() != expected && response.statusCode() / 100 != 2) {
			throw new CodeExecutionException("The Jupyter Server at " + this.baseUrl + " answered "
					+ response.request().method() + " " + response.uri().getPath() + " with " + response.statusCode());
		}
		return response.body();
	}

	@Override
	public String toString() {
		return this.baseUrl.toString();
	}

}
