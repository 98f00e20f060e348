package dev.assistants.tools;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantTool;
import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.client.AssistantsJson;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.PollOptions;
import dev.assistants.client.RequestOptions;
import dev.assistants.client.ResponseSequence;

import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The tool-call loop end to end over WireMock: requires_action, the functions called, all outputs
 * submitted in one request, and the run carried on until it ends.
 */
@SpringBootTest(classes = AssistantToolCallsTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class AssistantToolCallsTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	private static final String RUNS = "/threads/thread_abc123/runs";

	private static final String RUN = RUNS + "/run_abc123";

	private static final String SUBMIT = RUN + "/submit_tool_outputs";

	private static final String CANCEL = RUN + "/cancel";

	/** Options the loop's every request carries, the cancel of an abandoned run included. */
	private static final RequestOptions TENANT = RequestOptions.builder().header("X-Tenant", "acme").build();

	private static final String CALLS = """
			[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
			 {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]""";

	@InjectWireMock
	private WireMockServer server;

	enum Unit {

		CELSIUS, FAHRENHEIT

	}

	record WeatherQuery(String city, @Nullable Unit unit) {
	}

	record Weather(String city, int celsius) {
	}

	record NoArguments() {
	}

	private final AssistantFunction weather = AssistantFunction.of("get_weather", "The weather in a city",
			WeatherQuery.class, (query) -> new Weather(query.city(), 21));

	private final AssistantFunction time = AssistantFunction.of("get_time", "The time now", NoArguments.class,
			(arguments) -> Mono.just("12:00"));

	@BeforeEach
	void cancelsRuns() {
		this.server.stubFor(post(CANCEL).willReturn(run("cancelling", null)));
	}

	@Test
	void describesTheFunctionsForTheModel() {
		List<AssistantTool> tools = toolCalls(ToolErrorHandling.REPORT, 10, this.weather, this.time).tools();
		assertThat(tools).extracting((tool) -> ((AssistantToolsFunction) tool).function().name())
			.containsExactly("get_time", "get_weather");
		JsonNode definition = JSON.valueToTree(tools.get(1));
		assertThat(definition).isEqualTo(JSON.readTree("""
				{"type":"function","function":{"description":"The weather in a city","name":"get_weather",
				 "parameters":{"type":"object","properties":{"city":{"type":"string"},
				   "unit":{"type":"string","enum":["CELSIUS","FAHRENHEIT"]}},
				   "required":["city"],"additionalProperties":false}}}"""));
	}

	@Test
	void answersTheCallsOfAPolledRunUntilItEnds() {
		this.server.stubFor(post(RUNS).willReturn(run("queued", null)));
		ResponseSequence.stub(this.server, RUN, run("requires_action", CALLS), run("completed", null));
		this.server.stubFor(post(SUBMIT).willReturn(run("in_progress", null)));

		RunObject run = toolCalls(ToolErrorHandling.REPORT, 10, this.weather, this.time)
			.createRunAndHandleToolCalls("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
			.contextWrite(TENANT.asContext())
			.block(BOUND);

		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		this.server.verify(1, postRequestedFor(urlEqualTo(SUBMIT)).withRequestBody(equalToJson("""
				{"tool_outputs":[{"tool_call_id":"call_1","output":"{\\"city\\":\\"Paris\\",\\"celsius\\":21}"},
				                 {"tool_call_id":"call_2","output":"12:00"}]}""")));
		assertThat(this.server.findAll(anyRequestedFor(anyUrl()))).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy((request) -> assertThat(request.getHeader("X-Tenant")).isEqualTo("acme"));
	}

	/** Tools written for Spring AI: a weather and a time tool, as a team already has them. */
	static class SpringAiTools {

		@Tool(name = "get_weather", description = "The weather in a city")
		String weather(@ToolParam(description = "The city") String city) {
			return city + ": 21 degrees";
		}

		@Tool(name = "get_time", description = "The time now")
		String time() {
			return "12:00";
		}

	}

	@Test
	void answersTheCallsWithSpringAiToolsAndDescribesThem() {
		List<AssistantFunction> functions = ToolCallbackFunction.of(ToolCallbacks.from(new SpringAiTools()));
		AssistantToolCalls toolCalls = toolCalls(ToolErrorHandling.REPORT, 10, functions.toArray(AssistantFunction[]::new));
		JsonNode weather = JSON.valueToTree(toolCalls.tools().get(1));
		assertThat(weather.at("/function/name").asString()).isEqualTo("get_weather");
		assertThat(weather.at("/function/description").asString()).isEqualTo("The weather in a city");
		assertThat(weather.at("/function/parameters/type").asString()).isEqualTo("object");
		assertThat(weather.at("/function/parameters/properties/city/type").asString()).isEqualTo("string");
		assertThat(weather.at("/function/parameters/properties/city/description").asString()).isEqualTo("The city");
		assertThat(weather.at("/function/parameters/required/0").asString()).isEqualTo("city");
		this.server.stubFor(post(SUBMIT).willReturn(run("completed", null)));
		RunObject run = toolCalls.handleToolCalls(requiringAction(CALLS)).block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		this.server.verify(1, postRequestedFor(urlEqualTo(SUBMIT)).withRequestBody(equalToJson("""
				{"tool_outputs":[{"tool_call_id":"call_1","output":"\\"Paris: 21 degrees\\""},
				                 {"tool_call_id":"call_2","output":"\\"12:00\\""}]}""")));
	}

	@Test
	void reportsAnUnknownFunctionAndAFailingOneToTheModel() {
		AssistantFunction failing = AssistantFunction.of("get_weather", "Broken", WeatherQuery.class, (query) -> {
			throw new IllegalStateException("weather service down");
		});
		this.server.stubFor(post(SUBMIT).willReturn(run("completed", null)));
		RunObject run = toolCalls(ToolErrorHandling.REPORT, 10, failing)
			.handleToolCalls(requiringAction(CALLS))
			.block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		this.server.verify(postRequestedFor(urlEqualTo(SUBMIT)).withRequestBody(equalToJson("""
				{"tool_outputs":[
				  {"tool_call_id":"call_1","output":"{\\"error\\":\\"Function 'get_weather' failed for tool call call_1: weather service down\\"}"},
				  {"tool_call_id":"call_2","output":"{\\"error\\":\\"Run asked for the unknown function 'get_time'\\"}"}]}""")));
	}

	@Test
	void failsOnAnUnknownFunctionWhenAskedTo() {
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(ToolErrorHandling.FAIL, 10, this.weather)
				.handleToolCalls(requiringAction(CALLS))
				.block(BOUND))
			.withMessage("Run asked for the unknown function 'get_time'; run run_abc123 was cancelled "
					+ "(openai.tools.cancel-on-failure)");
		this.server.verify(0, postRequestedFor(urlEqualTo(SUBMIT)));
		this.server.verify(1, postRequestedFor(urlEqualTo(CANCEL)));
	}

	@Test
	void stopsAfterTheMostRounds() {
		this.server.stubFor(post(SUBMIT).willReturn(run("requires_action", CALLS)));
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(ToolErrorHandling.REPORT, 2, this.weather, this.time)
				.handleToolCalls(requiringAction(CALLS))
				.block(BOUND))
			.withMessage("Run run_abc123 still requires tool outputs after 2 rounds (openai.tools.max-rounds); "
					+ "run run_abc123 was cancelled (openai.tools.cancel-on-failure)");
		this.server.verify(2, postRequestedFor(urlEqualTo(SUBMIT)));
		this.server.verify(1, postRequestedFor(urlEqualTo(CANCEL)));
	}

	@Test
	void leavesTheRunAloneWhenToldTo() {
		this.server.stubFor(post(SUBMIT).willReturn(run("requires_action", CALLS)));
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(new ToolCallOptions(1, ToolErrorHandling.REPORT, Duration.ofSeconds(5), false),
					this.weather, this.time)
				.handleToolCalls(requiringAction(CALLS))
				.block(BOUND))
			.withMessage("Run run_abc123 still requires tool outputs after 1 rounds (openai.tools.max-rounds)");
		this.server.verify(0, postRequestedFor(urlEqualTo(CANCEL)));
	}

	@Test
	void saysSoWhenTheRunItGivesUpOnCannotBeCancelled() {
		this.server.stubFor(post(CANCEL).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Cannot cancel run with status 'expired'.\",\"type\":\"invalid_request_error\"}}")));
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(ToolErrorHandling.FAIL, 10, this.weather)
				.handleToolCalls(requiringAction(CALLS))
				.block(BOUND))
			.withMessageStartingWith("Run asked for the unknown function 'get_time'; run run_abc123 could not be cancelled: ")
			.withMessageContaining("Cannot cancel run with status 'expired'.");
	}

	@Test
	void answersAFunctionThatReturnsNothingWithAnEmptyOutput() {
		AssistantFunction nothing = AssistantFunction.of("get_weather", "Returns null", WeatherQuery.class,
				(query) -> null);
		AssistantFunction empty = AssistantFunction.of("get_time", "Returns an empty Mono", NoArguments.class,
				(arguments) -> Mono.empty());
		this.server.stubFor(post(SUBMIT).willReturn(run("completed", null)));
		RunObject run = toolCalls(ToolErrorHandling.FAIL, 10, nothing, empty).handleToolCalls(requiringAction(CALLS))
			.block(BOUND);
		assertThat(run.status()).isEqualTo(RunStatus.COMPLETED);
		this.server.verify(1, postRequestedFor(urlEqualTo(SUBMIT)).withRequestBody(equalToJson("""
				{"tool_outputs":[{"tool_call_id":"call_1","output":""},{"tool_call_id":"call_2","output":""}]}""")));
	}

	@Test
	void answersAFunctionThatTakesTooLongAsOneThatFailed() {
		AssistantFunction stuck = AssistantFunction.of("get_time", "Never answers", NoArguments.class,
				(arguments) -> Mono.never());
		this.server.stubFor(post(SUBMIT).willReturn(run("completed", null)));
		toolCalls(new ToolCallOptions(10, ToolErrorHandling.REPORT, Duration.ofMillis(200), true), this.weather, stuck)
			.handleToolCalls(requiringAction(CALLS))
			.block(BOUND);
		this.server.verify(1, postRequestedFor(urlEqualTo(SUBMIT)).withRequestBody(equalToJson("""
				{"tool_outputs":[{"tool_call_id":"call_1","output":"{\\"city\\":\\"Paris\\",\\"celsius\\":21}"},
				  {"tool_call_id":"call_2","output":"{\\"error\\":\\"Function 'get_time' did not answer tool call call_2 within 200 ms (openai.tools.function-timeout)\\"}"}]}""")));
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(new ToolCallOptions(10, ToolErrorHandling.FAIL, Duration.ofMillis(200), true),
					this.weather, stuck)
				.handleToolCalls(requiringAction(CALLS))
				.block(BOUND))
			.withMessageStartingWith("Function 'get_time' did not answer tool call call_2 within 200 ms");
	}

	@Test
	void cancelsTheRunWhenItsSubscriberLeaves() {
		AssistantFunction stuck = AssistantFunction.of("get_time", "Never answers", NoArguments.class,
				(arguments) -> Mono.never());
		Disposable loop = toolCalls(ToolErrorHandling.REPORT, 10, this.weather, stuck)
			.handleToolCalls(requiringAction(CALLS))
			.contextWrite(TENANT.asContext())
			.subscribe();
		loop.dispose();
		Awaitility.await()
			.atMost(BOUND)
			.untilAsserted(() -> this.server
				.verify(1, postRequestedFor(urlEqualTo(CANCEL)).withHeader("X-Tenant", equalTo("acme"))));
		this.server.verify(0, postRequestedFor(urlEqualTo(SUBMIT)));
	}

	@Test
	void cancelsAStreamedRunWhenItsSubscriberLeaves() {
		AssistantFunction stuck = AssistantFunction.of("get_time", "Never answers", NoArguments.class,
				(arguments) -> Mono.never());
		this.server.stubFor(post(RUNS).willReturn(sse(event("thread.run.created", runJson("queued", null)),
				event("thread.run.requires_action", runJson("requires_action", CALLS)), "event: done\ndata: [DONE]\n\n")));
		List<AssistantStreamEvent> received = new CopyOnWriteArrayList<>();
		Disposable loop = toolCalls(ToolErrorHandling.REPORT, 10, this.weather, stuck)
			.createRunStreamAndHandleToolCalls("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
			.contextWrite(TENANT.asContext())
			.subscribe(received::add);
		Awaitility.await().atMost(BOUND).until(() -> received.size() == 2);
		loop.dispose();
		Awaitility.await()
			.atMost(BOUND)
			.untilAsserted(() -> this.server
				.verify(1, postRequestedFor(urlEqualTo(CANCEL)).withHeader("X-Tenant", equalTo("acme"))));
	}

	@Test
	void cancelsAStreamedRunWhenTheLoopGivesUp() {
		this.server.stubFor(post(RUNS).willReturn(sse(event("thread.run.created", runJson("queued", null)),
				event("thread.run.requires_action", runJson("requires_action", CALLS)), "event: done\ndata: [DONE]\n\n")));
		assertThatExceptionOfType(ToolCallException.class)
			.isThrownBy(() -> toolCalls(ToolErrorHandling.FAIL, 10, this.weather)
				.createRunStreamAndHandleToolCalls("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
				.blockLast(BOUND))
			.withMessageEndingWith("; run run_abc123 was cancelled (openai.tools.cancel-on-failure)");
		this.server.verify(1, postRequestedFor(urlEqualTo(CANCEL)));
	}

	@Test
	void answersTheCallsOfAStreamedRun() {
		this.server.stubFor(post(RUNS).willReturn(sse(event("thread.run.created", runJson("queued", null)),
				event("thread.run.requires_action", runJson("requires_action", CALLS)), "event: done\ndata: [DONE]\n\n")));
		this.server.stubFor(post(SUBMIT).willReturn(sse(event("thread.run.in_progress", runJson("in_progress", null)),
				event("thread.run.completed", runJson("completed", null)), "event: done\ndata: [DONE]\n\n")));
		List<AssistantStreamEvent> events = toolCalls(ToolErrorHandling.REPORT, 10, this.weather, this.time)
			.createRunStreamAndHandleToolCalls("thread_abc123", CreateRunRequest.builder("asst_abc123").build())
			.collectList()
			.block(BOUND);
		assertThat(events).extracting(AssistantStreamEvent::event)
			.containsExactly("thread.run.created", "thread.run.requires_action", "thread.run.in_progress",
					"thread.run.completed");
		this.server.verify(1, postRequestedFor(urlEqualTo(SUBMIT))
			.withRequestBody(equalToJson("{\"stream\":true}", true, true)));
	}

	private AssistantToolCalls toolCalls(ToolErrorHandling errorHandling, int maxRounds,
			AssistantFunction... functions) {
		return toolCalls(new ToolCallOptions(maxRounds, errorHandling, Duration.ofSeconds(5), true), functions);
	}

	private AssistantToolCalls toolCalls(ToolCallOptions options, AssistantFunction... functions) {
		return new AssistantToolCalls(AssistantsTemplate.builder()
			.baseUrl(this.server.baseUrl())
			.pollOptions(new PollOptions(Duration.ofMillis(10), Duration.ofSeconds(5), false))
			.build(), List.of(functions), options);
	}

	private static RunObject requiringAction(String calls) {
		return JSON.readValue(runJson("requires_action", calls), RunObject.class);
	}

	private static ResponseDefinitionBuilder run(String status, @Nullable String toolCalls) {
		return okJson(runJson(status, toolCalls));
	}

	private static String runJson(String status, @Nullable String toolCalls) {
		ObjectNode run = (ObjectNode) JSON.readTree(
				"{\"id\":\"run_abc123\",\"object\":\"thread.run\",\"created_at\":1,\"thread_id\":\"thread_abc123\","
						+ "\"assistant_id\":\"asst_abc123\",\"model\":\"gpt-4o\",\"instructions\":\"\",\"tools\":[],"
						+ "\"metadata\":{},\"parallel_tool_calls\":true}");
		run.put("status", status);
		if (toolCalls != null) {
			JsonNode calls = JSON.readTree(toolCalls);
			run.set("required_action", JSON.valueToTree(Map.of("type", "submit_tool_outputs", "submit_tool_outputs",
					Map.of("tool_calls", calls))));
		}
		return run.toString();
	}

	private static ResponseDefinitionBuilder sse(String... events) {
		return aResponse().withHeader("Content-Type", "text/event-stream").withBody(String.join("", events));
	}

	private static String event(String name, String data) {
		return "event: " + name + "\ndata: " + data + "\n\n";
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
