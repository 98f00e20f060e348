package dev.assistants.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.ModifyAssistantRequest;
import dev.assistants.api.ModifyMessageRequest;
import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.api.SpecFixtures;
import dev.assistants.api.SubmitToolOutputsRunRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation against the specification's own example: the request the client sends (method,
 * path, query, headers, exact JSON body) and the response it maps, field by field.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "openai.api-key=sk-test-key", "openai.organization=org-test", "openai.project=proj-test",
				"openai.headers.[X-Tenant]=acme" })
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class SpecExamplesTests {

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	/** How each operation is called with its example's IDs, body and query. */
	private static final Map<String, Call> CALLS = Map.ofEntries(
			Map.entry("createAssistant", (ops, ids, body, query) -> ops.createAssistant(read(body, CreateAssistantRequest.class))),
			Map.entry("getAssistant", (ops, ids, body, query) -> ops.getAssistant(ids.get("assistant_id"))),
			Map.entry("listAssistants", (ops, ids, body, query) -> ops.listAssistants(query)),
			Map.entry("modifyAssistant", (ops, ids, body, query) -> ops.modifyAssistant(ids.get("assistant_id"),
					read(body, ModifyAssistantRequest.class))),
			Map.entry("deleteAssistant", (ops, ids, body, query) -> ops.deleteAssistant(ids.get("assistant_id"))),
			Map.entry("createThread", (ops, ids, body, query) -> ops.createThread(read(body, CreateThreadRequest.class))),
			Map.entry("getThread", (ops, ids, body, query) -> ops.getThread(ids.get("thread_id"))),
			Map.entry("modifyThread", (ops, ids, body, query) -> ops.modifyThread(ids.get("thread_id"),
					read(body, ModifyThreadRequest.class))),
			Map.entry("deleteThread", (ops, ids, body, query) -> ops.deleteThread(ids.get("thread_id"))),
			Map.entry("createMessage", (ops, ids, body, query) -> ops.createMessage(ids.get("thread_id"),
					read(body, CreateMessageRequest.class))),
			Map.entry("getMessage", (ops, ids, body, query) -> ops.getMessage(ids.get("thread_id"), ids.get("message_id"))),
			Map.entry("listMessages", (ops, ids, body, query) -> ops.listMessages(ids.get("thread_id"), query)),
			Map.entry("modifyMessage", (ops, ids, body, query) -> ops.modifyMessage(ids.get("thread_id"),
					ids.get("message_id"), read(body, ModifyMessageRequest.class))),
			Map.entry("deleteMessage", (ops, ids, body, query) -> ops.deleteMessage(ids.get("thread_id"),
					ids.get("message_id"))),
			Map.entry("createRun", (ops, ids, body, query) -> ops.createRun(ids.get("thread_id"),
					read(body, CreateRunRequest.class))),
			Map.entry("createThreadAndRun", (ops, ids, body, query) -> ops
				.createThreadAndRun(read(body, CreateThreadAndRunRequest.class))),
			Map.entry("getRun", (ops, ids, body, query) -> ops.getRun(ids.get("thread_id"), ids.get("run_id"))),
			Map.entry("listRuns", (ops, ids, body, query) -> ops.listRuns(ids.get("thread_id"), query)),
			Map.entry("modifyRun", (ops, ids, body, query) -> ops.modifyRun(ids.get("thread_id"), ids.get("run_id"),
					read(body, ModifyRunRequest.class))),
			Map.entry("cancelRun", (ops, ids, body, query) -> ops.cancelRun(ids.get("thread_id"), ids.get("run_id"))),
			Map.entry("submitToolOuputsToRun", (ops, ids, body, query) -> ops.submitToolOutputsToRun(
					ids.get("thread_id"), ids.get("run_id"), read(body, SubmitToolOutputsRunRequest.class))),
			Map.entry("getRunStep", (ops, ids, body, query) -> ops.getRunStep(ids.get("thread_id"), ids.get("run_id"),
					ids.get("step_id"))),
			Map.entry("listRunSteps", (ops, ids, body, query) -> ops.listRunSteps(ids.get("thread_id"),
					ids.get("run_id"), query)));

	@Autowired
	private AssistantsOperations operations;

	@InjectWireMock
	private WireMockServer wireMock;

	static Stream<String> operationIds() {
		return SpecFixtures.OPERATIONS.propertyNames().stream().sorted();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operationIds")
	void sendsTheSpecifiedRequestAndMapsTheFullResponse(String operationId) {
		JsonNode operation = SpecFixtures.operation(operationId);
		JsonNode example = operation.get("example");
		UriComponents examplePath = UriComponentsBuilder.fromUriString(example.get("path").stringValue()).build();
		RequestMethod method = RequestMethod.fromString(operation.get("method").stringValue());
		JsonNode responseBody = example.get("responseBody");
		MappingBuilder stub = WireMock.request(method.getName(), urlPathEqualTo(examplePath.getPath()))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withHeader("x-request-id", "req_123")
				.withBody(responseBody.toString()));
		this.wireMock.stubFor(stub);

		Map<String, String> ids = pathVariables(operation.get("path").stringValue(), examplePath.getPath());
		Object result = CALLS.get(operationId)
			.call(this.operations, ids, example.get("requestBody"), listQuery(examplePath))
			.block();

		RequestPatternBuilder expected = RequestPatternBuilder.newRequestPattern(method,
				urlPathEqualTo(examplePath.getPath()))
			.withHeader("Authorization", equalTo("Bearer sk-test-key"))
			.withHeader("OpenAI-Beta", equalTo("assistants=v2"))
			.withHeader("OpenAI-Organization", equalTo("org-test"))
			.withHeader("OpenAI-Project", equalTo("proj-test"))
			.withHeader("X-Tenant", equalTo("acme"))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", matching("assistants-spring-boot/\\d+\\.\\d+\\.\\d+.*"));
		examplePath.getQueryParams().forEach((name, values) -> expected.withQueryParam(name, equalTo(values.get(0))));
		JsonNode requestBody = example.get("requestBody");
		if (!requestBody.isNull()) {
			expected.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson(requestBody.toString()));
		}
		this.wireMock.verify(1, expected);
		assertThat(this.wireMock.getAllServeEvents()).singleElement()
			.satisfies((event) -> assertThat(event.getRequest().getQueryParams().keySet())
				.isEqualTo(examplePath.getQueryParams().keySet()));
		JsonNode mapped = JSON.readTree(JSON.writeValueAsString(result));
		assertThat(mapped).isEqualTo(SpecFixtures
			.withoutNulls(SpecFixtures.declaredOnly(responseBody, operation.get("responseSchema").stringValue())));
	}

	static Map<String, String> pathVariables(String template, String path) {
		List<String> names = new java.util.ArrayList<>();
		Matcher variable = Pattern.compile("\\{([a-z_]+)}").matcher(template);
		StringBuilder regex = new StringBuilder();
		int last = 0;
		while (variable.find()) {
			regex.append(Pattern.quote(template.substring(last, variable.start()))).append("([^/]+)");
			names.add(variable.group(1));
			last = variable.end();
		}
		regex.append(Pattern.quote(template.substring(last)));
		Matcher values = Pattern.compile(regex.toString()).matcher(path);
		assertThat(values.matches()).as("%s matches %s", path, template).isTrue();
		Map<String, String> ids = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			ids.put(names.get(i), values.group(i + 1));
		}
		return ids;
	}

	private static ListQuery listQuery(UriComponents examplePath) {
		ListQuery query = ListQuery.DEFAULT;
		String limit = examplePath.getQueryParams().getFirst("limit");
		if (limit != null) {
			query = query.withLimit(Integer.parseInt(limit));
		}
		String order = examplePath.getQueryParams().getFirst("order");
		if (order != null) {
			query = query.withOrder(ListOrder.valueOf(order.toUpperCase(java.util.Locale.ROOT)));
		}
		return query;
	}

	private static <T> T read(JsonNode body, Class<T> type) {
		return JSON.treeToValue(body, type);
	}

	@FunctionalInterface
	interface Call {

		Mono<?> call(AssistantsOperations operations, Map<String, String> ids, JsonNode body, ListQuery query);

	}

}
