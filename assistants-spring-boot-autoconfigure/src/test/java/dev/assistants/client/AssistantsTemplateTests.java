package dev.assistants.client;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wiremock.spring.ConfigureWireMock;
import org.wiremock.spring.EnableWireMock;
import org.wiremock.spring.InjectWireMock;

import dev.assistants.api.AssistantToolsCode;
import dev.assistants.api.AssistantsApiToolChoiceOption;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.MessageAttachment;
import dev.assistants.api.MessageContentImageFileObject;
import dev.assistants.api.MessageRequestContentTextObject;
import dev.assistants.api.MessageRole;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.api.RunStepInclude;
import dev.assistants.api.SpecFixtures;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.api.ToolChoiceMode;
import dev.assistants.api.ToolResources;
import dev.assistants.api.TruncationObject;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Requests as a Java user writes them: what goes on the wire, and what is refused before anything
 * is sent.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = "openai.api-key=sk-test-key")
@EnableWireMock(@ConfigureWireMock(baseUrlProperties = "openai.base-url"))
class AssistantsTemplateTests {

	private static final String RUN = SpecFixtures.operation("getRun").at("/example/responseBody").toString();

	private static final String MESSAGE = SpecFixtures.operation("getMessage").at("/example/responseBody").toString();

	private static final String THREAD = SpecFixtures.operation("getThread").at("/example/responseBody").toString();

	@Autowired
	private AssistantsOperations operations;

	@InjectWireMock
	private WireMockServer server;

	@BeforeEach
	void stubEverything() {
		this.server.stubFor(WireMock.any(anyUrl()).willReturn(okJson("{}")));
	}

	@Test
	void createMessageSendsPartsAndAttachments() {
		this.server.stubFor(WireMock.post("/threads/thread_1/messages").willReturn(okJson(MESSAGE)));
		this.operations
			.createMessage("thread_1",
					CreateMessageRequest
						.of(MessageRole.USER,
								List.of(new MessageRequestContentTextObject("What is in this image?"),
										MessageContentImageFileObject.of("file-img")))
						.withAttachments(List.of(new MessageAttachment("file-doc", List.of(new AssistantToolsCode()))))
						.withMetadata(Map.of("source", "test")))
			.block();
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/messages")).withRequestBody(equalToJson("""
				{"role":"user","content":[{"type":"text","text":"What is in this image?"},
				  {"type":"image_file","image_file":{"file_id":"file-img"}}],
				 "attachments":[{"file_id":"file-doc","tools":[{"type":"code_interpreter"}]}],
				 "metadata":{"source":"test"}}""")));
	}

	@Test
	void createRunSendsOverridesAndInclude() {
		this.server.stubFor(WireMock.post(urlPathEqualTo("/threads/thread_1/runs")).willReturn(okJson(RUN)));
		this.operations.createRun("thread_1",
				CreateRunRequest.builder("asst_1")
					.model("gpt-4o-mini")
					.additionalInstructions("Answer in French.")
					.additionalMessages(CreateMessageRequest.user("Bonjour"))
					.toolChoice(AssistantsApiToolChoiceOption.function("get_weather"))
					.truncationStrategy(TruncationObject.lastMessages(5))
					.parallelToolCalls(false)
					.maxPromptTokens(1000)
					.build(),
				List.of(RunStepInclude.FILE_SEARCH_RESULT_CONTENT))
			.block();
		this.server.verify(postRequestedFor(urlPathEqualTo("/threads/thread_1/runs"))
			.withQueryParam("include[]", equalTo("step_details.tool_calls[*].file_search.results[*].content"))
			.withRequestBody(equalToJson("""
					{"assistant_id":"asst_1","model":"gpt-4o-mini","additional_instructions":"Answer in French.",
					 "additional_messages":[{"role":"user","content":"Bonjour"}],
					 "tool_choice":{"type":"function","function":{"name":"get_weather"}},
					 "truncation_strategy":{"type":"last_messages","last_messages":5},
					 "parallel_tool_calls":false,"max_prompt_tokens":1000}""")));
	}

	@Test
	void createThreadAndRunSendsTheThreadAndToolResources() {
		this.server.stubFor(WireMock.post("/threads/runs").willReturn(okJson(RUN)));
		this.operations.createThreadAndRun(CreateThreadAndRunRequest.builder("asst_1")
			.thread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("Hi")).build())
			.toolResources(new ToolResources(null, new ToolResources.FileSearch(List.of("vs_1"))))
			.toolChoice(ToolChoiceMode.REQUIRED)
			.build()).block();
		this.server.verify(postRequestedFor(urlEqualTo("/threads/runs")).withRequestBody(equalToJson("""
				{"assistant_id":"asst_1","thread":{"messages":[{"role":"user","content":"Hi"}]},
				 "tool_resources":{"file_search":{"vector_store_ids":["vs_1"]}},"tool_choice":"required"}""")));
	}

	@Test
	void listMessagesSendsEveryQueryParameter() {
		this.operations.listMessages("thread_1", MessageListQuery.forRun("run_1")
			.withPage(ListQuery.limit(100).withOrder(ListOrder.ASC).withAfter("msg_a").withBefore("msg_b"))).block();
		this.server.verify(getRequestedFor(
				urlEqualTo("/threads/thread_1/messages?limit=100&order=asc&after=msg_a&before=msg_b&run_id=run_1")));
	}

	@Test
	void listRunStepsSendsTheQueryAndInclude() {
		this.operations.listRunSteps("thread_1", "run_1", ListQuery.limit(1),
				List.of(RunStepInclude.FILE_SEARCH_RESULT_CONTENT)).block();
		this.server.verify(getRequestedFor(urlPathEqualTo("/threads/thread_1/runs/run_1/steps"))
			.withQueryParam("limit", equalTo("1"))
			.withQueryParam("include[]", equalTo(RunStepInclude.FILE_SEARCH_RESULT_CONTENT.value())));
	}

	@Test
	void queryValuesCannotAddParameters() {
		this.operations.listRuns("thread_1", ListQuery.DEFAULT.withAfter("run_1&limit=1#x")).block();
		LoggedRequest request = single();
		assertThat(request.getUrl()).isEqualTo("/threads/thread_1/runs?after=run_1%26limit%3D1%23x");
		assertThat(request.getQueryParams()).containsOnlyKeys("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "../assistants", "a/b?x=1", "a b", "thread#1", "thréad", "%2F" })
	void idsStayOneEncodedPathSegment(String id) {
		this.server.stubFor(WireMock.post(urlPathEqualTo("/threads/" + encode(id))).willReturn(okJson(THREAD)));
		this.operations.modifyThread(id, new ModifyThreadRequest(null, Map.of("k", "v"))).block();
		LoggedRequest request = single();
		assertThat(request.getUrl()).isEqualTo("/threads/" + encode(id));
		assertThat(request.getQueryParams()).isEmpty();
	}

	@Test
	void cancelRunSendsNoBody() {
		this.server.stubFor(WireMock.post("/threads/thread_1/runs/run_1/cancel").willReturn(okJson(RUN)));
		this.operations.cancelRun("thread_1", "run_1").block();
		this.server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs/run_1/cancel"))
			.withHeader("Content-Type", absent())
			.withRequestBody(WireMock.absent()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", ".", ".." })
	void rejectsInvalidIdsBeforeSending(String id) {
		assertRejected(() -> this.operations.getThread(id), "thread_id");
		assertRejected(() -> this.operations.getRun("thread_1", id), "run_id");
		assertRejected(() -> this.operations.getRunStep("thread_1", "run_1", id), "step_id");
		assertRejected(() -> this.operations.deleteMessage(id, "msg_1"), "thread_id");
		assertRejected(() -> this.operations.getAssistant(id), "assistant_id");
	}

	@Test
	void rejectsNullArgumentsBeforeSending() {
		assertRejected(() -> this.operations.getThread(null), "thread_id");
		assertRejected(() -> this.operations.createAssistant(null), "request");
		assertRejected(() -> this.operations.listRuns("thread_1", null), "query");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 101, -1 })
	void rejectsLimitsOutsideTheRange(int limit) {
		assertThatIllegalArgumentException().isThrownBy(() -> ListQuery.limit(limit)).withMessageContaining("limit");
	}

	@Test
	void rejectsStreamOnSingleObjectOperations() {
		CreateRunRequest streamed = new CreateRunRequest("asst_1", null, null, null, null, null, null, null, null,
				null, true, null, null, null, null, null, null);
		assertRejected(() -> this.operations.createRun("thread_1", streamed), "stream");
		assertRejected(() -> this.operations.submitToolOutputsToRun("thread_1", "run_1",
				new SubmitToolOutputsRunRequest(List.of(new SubmitToolOutputsRunRequest.ToolOutput("c", "o")), true)),
				"stream");
	}

	@Test
	void rejectsHeaderValuesThatCannotBeSentAtBuildTime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AssistantsTemplate.builder().apiKey("sk-\r\nX-Injected: 1").build())
			.withMessageStartingWith("apiKey (openai.api-key) must not contain a control character (U+000D)"
					+ " but has one at position 4 of 18")
			.withMessageNotContaining("sk-");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AssistantsTemplate.builder().organization("org-1\t").build())
			.withMessageContaining("openai.organization");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AssistantsTemplate.builder().project("proj-\u00e9\u20ac").build())
			.withMessageContaining("openai.project) must not contain a non-Latin-1 character (U+20AC)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> AssistantsTemplate.builder().header("X-Tenant", "acme\n").build())
			.withMessageContaining("header X-Tenant (openai.headers)");
	}

	private void assertRejected(Supplier<?> call, String parameter) {
		assertThatIllegalArgumentException().isThrownBy(call::get).withMessageContaining(parameter);
		this.server.verify(0, anyRequestedFor(anyUrl()));
	}

	private LoggedRequest single() {
		List<LoggedRequest> requests = this.server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static String encode(String id) {
		return org.springframework.web.util.UriUtils.encode(id, java.nio.charset.StandardCharsets.UTF_8);
	}

}
