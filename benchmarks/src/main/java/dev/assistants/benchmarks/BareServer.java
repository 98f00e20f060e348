package dev.assistants.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyOutbound;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The floor of {@link ServerLoad} with HTTP in it: a bare Reactor Netty server that does for get
 * run, list messages and create message what the Assistants server must at the least (check the
 * key, run the same SQL on a pool of 10 connections, read the {@code jsonb} bodies with Jackson and
 * write the same JSON), and nothing else: no routing framework, no validation, no observation, no
 * engine. The ratio of the server to it is the engine's own cost.
 * <p>
 * {@code java ... BareServer <port> <jdbc url>}
 */
public final class BareServer {

	private static final String AUTHORIZATION = "Bearer sk-load";

	private static final String PROJECT = "load";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HikariDataSource dataSource;

	private BareServer(String jdbcUrl) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(jdbcUrl);
		config.setUsername("postgres");
		config.setPassword("postgres");
		config.setMaximumPoolSize(10);
		this.dataSource = new HikariDataSource(config);
	}

	public static void main(String[] args) {
		BareServer bare = new BareServer(args[1]);
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(Integer.parseInt(args[0]))
			.route((routes) -> routes
				.get("/actuator/health", (request, response) -> response.sendString(Mono.just("{\"status\":\"UP\"}")))
				.get("/v1/threads/{thread}/runs/{run}", (request, response) -> bare.answer(request.requestHeaders()
					.get(HttpHeaderNames.AUTHORIZATION), response, () -> bare.getRun(request.param("run"))))
				.get("/v1/threads/{thread}/messages", (request, response) -> bare.answer(request.requestHeaders()
					.get(HttpHeaderNames.AUTHORIZATION), response, () -> bare.listMessages(request.param("thread"))))
				.post("/v1/threads/{thread}/messages", (request, response) -> request.receive()
					.aggregate()
					.asString(StandardCharsets.UTF_8)
					.flatMap((body) -> bare.answer(request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION),
							response, () -> bare.createMessage(request.param("thread"), JSON.readTree(body)))
						.then())))
			.bindNow();
		server.onDispose().block();
	}

	/** The JSON the work makes, on a thread that may block, or a 401 without the key. */
	private NettyOutbound answer(String authorization, HttpServerResponse response, Callable<JsonNode> work) {
		if (!AUTHORIZATION.equals(authorization)) {
			return response.status(HttpResponseStatus.UNAUTHORIZED).sendString(Mono.just("{}"));
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendByteArray(Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic()).map(JSON::writeValueAsBytes));
	}

	private JsonNode getRun(String runId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection
					.prepareStatement("select body::text from runs where id = ? and project = ?")) {
			select.setString(1, runId);
			select.setString(2, PROJECT);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return JSON.readTree(rows.getString(1));
			}
		}
	}

	private JsonNode listMessages(String threadId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement select = connection.prepareStatement("select body::text from messages where "
						+ "thread_id = ? and project = ? order by seq desc limit 21")) {
			select.setString(1, threadId);
			select.setString(2, PROJECT);
			ObjectNode page = JSON.createObjectNode().put("object", "list");
			ArrayNode data = page.putArray("data");
			try (ResultSet rows = select.executeQuery()) {
				while (data.size() < 20 && rows.next()) {
					data.add(JSON.readTree(rows.getString(1)));
				}
				page.put("first_id", data.path(0).path("id").asString(null));
				page.put("last_id", data.path(data.size() - 1).path("id").asString(null));
				page.put("has_more", rows.next());
			}
			return page;
		}
	}

	private JsonNode createMessage(String threadId, JsonNode request) throws SQLException {
		String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
		long now = System.currentTimeMillis() / 1000;
		ObjectNode message = JSON.createObjectNode()
			.put("id", id)
			.put("object", "thread.message")
			.put("created_at", now)
			.put("thread_id", threadId)
			.put("status", "completed")
			.putNull("incomplete_details")
			.put("completed_at", now)
			.putNull("incomplete_at")
			.put("role", request.path("role").asString())
			.putNull("assistant_id")
			.putNull("run_id");
		message.putArray("content")
			.addObject()
			.put("type", "text")
			.putObject("text")
			.put("value", request.path("content").asString())
			.putArray("annotations");
		message.putArray("attachments");
		message.putObject("metadata");
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement lock = connection
				.prepareStatement("select id from threads where id = ? and project = ? for update");
					PreparedStatement insert = connection.prepareStatement("insert into messages (id, project, "
							+ "created_at, thread_id, run_id, body) values (?, ?, ?, ?, null, cast(? as jsonb))")) {
				lock.setString(1, threadId);
				lock.setString(2, PROJECT);
				lock.executeQuery().close();
				insert.setString(1, id);
				insert.setString(2, PROJECT);
				insert.setLong(3, now);
				insert.setString(4, threadId);
				insert.setString(5, JSON.writeValueAsString(message));
				insert.executeUpdate();
				connection.commit();
			}
			catch (SQLException ex) {
				connection.rollback();
				throw ex;
			}
		}
		return message;
	}

}
