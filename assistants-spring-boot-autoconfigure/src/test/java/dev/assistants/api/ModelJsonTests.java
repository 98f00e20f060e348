package dev.assistants.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.client.AssistantsJson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Unions, unknown values, round trips and omitted nulls, read and written with the client's own
 * JSON configuration.
 */
class ModelJsonTests {

	private final JsonMapper json = AssistantsJson.createMapper();

	@Test
	void readsEachToolVariant() {
		List<AssistantTool> tools = read("""
				[{"type":"code_interpreter"},
				 {"type":"file_search","file_search":{"max_num_results":5,
				   "ranking_options":{"ranker":"default_2024_08_21","score_threshold":0.5}}},
				 {"type":"function","function":{"name":"get_weather","description":"Weather now",
				   "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true}}]""",
				AssistantObjectTools.class).tools();
		assertThat(tools.get(0)).isEqualTo(new AssistantToolsCode());
		assertThat(tools.get(1)).isEqualTo(new AssistantToolsFileSearch(new AssistantToolsFileSearch.FileSearch(5,
				new FileSearchRankingOptions(FileSearchRanker.DEFAULT_2024_08_21, 0.5))));
		assertThat(tools.get(2)).isEqualTo(new AssistantToolsFunction(new FunctionObject("Weather now", "get_weather",
				Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), true)));
	}

	@Test
	void keepsAnUnknownToolAsRawJsonAndWritesItBackUnchanged() {
		String raw = "{\"type\":\"web_browser\",\"web_browser\":{\"max_pages\":3}}";
		AssistantTool tool = this.json.readValue(raw, AssistantTool.class);
		assertThat(tool).isInstanceOfSatisfying(UnknownVariant.class, (unknown) -> {
			assertThat(unknown.type()).isEqualTo("web_browser");
			assertThat(unknown.json().at("/web_browser/max_pages").asInt()).isEqualTo(3);
		});
		assertThat(this.json.writeValueAsString(tool)).isEqualTo(raw);
	}

	@Test
	void writesAnUnknownVariantInsideAnObjectAsItWasRead() {
		String raw = "{\"name\":\"a\",\"tools\":[{\"type\":\"web_browser\",\"web_browser\":{\"max_pages\":3}}]}";
		ModifyAssistantRequest request = this.json.readValue(raw, ModifyAssistantRequest.class);
		assertThat(request.tools()).singleElement().isInstanceOf(UnknownVariant.class);
		assertThat(this.json.readTree(this.json.writeValueAsString(request))).isEqualTo(this.json.readTree(raw));
	}

	@Test
	void readsAnObjectWithoutTypeAsUnknownVariant() {
		assertThat(this.json.readValue("{\"name\":\"x\"}", AssistantTool.class)).isInstanceOf(UnknownVariant.class);
	}

	@Test
	void readsMessageContentWithAnnotations() {
		List<MessageContent> content = this.json.readValue("""
				[{"type":"text","text":{"value":"See [1] and [2]","annotations":[
				  {"type":"file_citation","text":"[1]","file_citation":{"file_id":"file-1"},"start_index":4,"end_index":7},
				  {"type":"file_path","text":"[2]","file_path":{"file_id":"file-2"},"start_index":12,"end_index":15},
				  {"type":"url_citation","url":"https://example.com"}]}},
				 {"type":"image_file","image_file":{"file_id":"file-3","detail":"high"}},
				 {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}},
				 {"type":"refusal","refusal":"I cannot help with that."},
				 {"type":"audio","audio":{"id":"a"}}]""",
				this.json.getTypeFactory().constructCollectionType(List.class, MessageContent.class));
		MessageContentTextObject text = (MessageContentTextObject) content.get(0);
		assertThat(text.text().value()).isEqualTo("See [1] and [2]");
		assertThat(text.text().annotations()).hasSize(3);
		assertThat(text.text().annotations().get(0)).isEqualTo(new MessageContentTextAnnotationsFileCitationObject(
				"[1]", new MessageContentTextAnnotationsFileCitationObject.FileCitation("file-1"), 4, 7));
		assertThat(text.text().annotations().get(1)).isEqualTo(new MessageContentTextAnnotationsFilePathObject("[2]",
				new MessageContentTextAnnotationsFilePathObject.FilePath("file-2"), 12, 15));
		assertThat(text.text().annotations().get(2)).isInstanceOf(UnknownVariant.class);
		assertThat(content.get(1)).isEqualTo(new MessageContentImageFileObject(
				new MessageContentImageFileObject.ImageFile("file-3", ImageDetail.HIGH)));
		assertThat(content.get(2)).isEqualTo(new MessageContentImageUrlObject(
				new MessageContentImageUrlObject.ImageUrl("https://example.com/a.png", ImageDetail.LOW)));
		assertThat(content.get(3)).isEqualTo(new MessageContentRefusalObject("I cannot help with that."));
		assertThat(content.get(4)).isInstanceOfSatisfying(UnknownVariant.class,
				(unknown) -> assertThat(unknown.type()).isEqualTo("audio"));
	}

	@Test
	void readsRunStepToolCalls() {
		RunStepDetails details = this.json.readValue("""
				{"type":"tool_calls","tool_calls":[
				  {"id":"call_1","type":"code_interpreter","code_interpreter":{"input":"print(1)","outputs":[
				    {"type":"logs","logs":"1"},{"type":"image","image":{"file_id":"file-img"}},{"type":"video"}]}},
				  {"id":"call_2","type":"file_search","file_search":{
				    "ranking_options":{"ranker":"auto","score_threshold":0.2},
				    "results":[{"file_id":"file-1","file_name":"a.txt","score":0.9,"content":[{"type":"text","text":"hi"}]}]}},
				  {"id":"call_3","type":"function","function":{"name":"f","arguments":"{}","output":null}},
				  {"id":"call_4","type":"mcp"}]}""", RunStepDetails.class);
		List<RunStepDetailsToolCall> calls = ((RunStepDetailsToolCallsObject) details).toolCalls();
		assertThat(calls.get(0)).isEqualTo(new RunStepDetailsToolCallsCodeObject("call_1",
				new RunStepDetailsToolCallsCodeObject.CodeInterpreter("print(1)",
						List.of(new RunStepDetailsToolCallsCodeOutputLogsObject("1"),
								new RunStepDetailsToolCallsCodeOutputImageObject(
										new RunStepDetailsToolCallsCodeOutputImageObject.Image("file-img")),
								(RunStepDetailsToolCallsCodeOutput) this.json.readValue("{\"type\":\"video\"}",
										UnknownVariant.class)))));
		assertThat(calls.get(1)).isEqualTo(new RunStepDetailsToolCallsFileSearchObject("call_2",
				new RunStepDetailsToolCallsFileSearchObject.FileSearch(
						new RunStepDetailsToolCallsFileSearchRankingOptionsObject(FileSearchRanker.AUTO, 0.2),
						List.of(new RunStepDetailsToolCallsFileSearchResultObject("file-1", "a.txt", 0.9,
								List.of(new RunStepDetailsToolCallsFileSearchResultObject.Content("text", "hi")))))));
		assertThat(calls.get(2)).isEqualTo(new RunStepDetailsToolCallsFunctionObject("call_3",
				new RunStepDetailsToolCallsFunctionObject.Function("f", "{}", null)));
		assertThat(calls.get(3)).isInstanceOf(UnknownVariant.class);
	}

	@Test
	void readsAndWritesEachResponseFormat() {
		assertThat(this.json.readValue("\"auto\"", AssistantsApiResponseFormatOption.class))
			.isSameAs(AssistantsApiResponseFormatOption.AUTO);
		assertThat(this.json.readValue("{\"type\":\"text\"}", AssistantsApiResponseFormatOption.class))
			.isEqualTo(new ResponseFormatText());
		assertThat(this.json.readValue("{\"type\":\"json_object\"}", AssistantsApiResponseFormatOption.class))
			.isEqualTo(new ResponseFormatJsonObject());
		String schema = "{\"type\":\"json_schema\",\"json_schema\":{\"description\":\"d\",\"name\":\"answer\","
				+ "\"schema\":{\"type\":\"object\"},\"strict\":true}}";
		AssistantsApiResponseFormatOption format = this.json.readValue(schema, AssistantsApiResponseFormatOption.class);
		assertThat(format).isEqualTo(new ResponseFormatJsonSchema(
				new ResponseFormatJsonSchema.JsonSchema("d", "answer", Map.of("type", "object"), true)));
		assertThat(this.json.writeValueAsString(format)).isEqualTo(schema);
		assertThat(this.json.writeValueAsString(AssistantsApiResponseFormatOption.AUTO)).isEqualTo("\"auto\"");
		assertThat(this.json.writeValueAsString(new ResponseFormatText())).isEqualTo("{\"type\":\"text\"}");
		assertThat(this.json.readValue("\"xml\"", AssistantsApiResponseFormatOption.class))
			.isEqualTo(new UnknownVariant(this.json.readTree("\"xml\"")));
		assertThat(this.json.readValue("{\"type\":\"grammar\"}", AssistantsApiResponseFormatOption.class))
			.isInstanceOf(UnknownVariant.class);
	}

	@Test
	void readsAndWritesEachToolChoice() {
		assertThat(this.json.readValue("\"required\"", AssistantsApiToolChoiceOption.class))
			.isSameAs(ToolChoiceMode.REQUIRED);
		AssistantsApiToolChoiceOption unknown = this.json.readValue("\"sometimes\"", AssistantsApiToolChoiceOption.class);
		assertThat(unknown).isInstanceOfSatisfying(ToolChoiceMode.class, (mode) -> {
			assertThat(mode.isKnown()).isFalse();
			assertThat(mode.value()).isEqualTo("sometimes");
		});
		String named = "{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}";
		assertThat(this.json.readValue(named, AssistantsApiToolChoiceOption.class))
			.isEqualTo(AssistantsApiToolChoiceOption.function("get_weather"));
		assertThat(this.json.writeValueAsString(AssistantsApiToolChoiceOption.function("get_weather"))).isEqualTo(named);
		assertThat(this.json.writeValueAsString(ToolChoiceMode.NONE)).isEqualTo("\"none\"");
		assertThat(this.json.readValue("{\"type\":\"file_search\"}", AssistantsApiToolChoiceOption.class))
			.isEqualTo(new AssistantsNamedToolChoice(ToolType.FILE_SEARCH, null));
	}

	@Test
	void keepsAnUnknownEnumValue() {
		RunStatus status = this.json.readValue("\"paused\"", RunStatus.class);
		assertThat(status.isKnown()).isFalse();
		assertThat(status.value()).isEqualTo("paused");
		assertThat(status).isEqualTo(RunStatus.of("paused")).isNotEqualTo(RunStatus.QUEUED);
		assertThat(this.json.writeValueAsString(status)).isEqualTo("\"paused\"");
		assertThat(this.json.readValue("\"completed\"", RunStatus.class)).isSameAs(RunStatus.COMPLETED);
		assertThat(RunStatus.COMPLETED.isKnown()).isTrue();
	}

	@Test
	void writesMessageContentAsStringOrParts() {
		assertThat(this.json.writeValueAsString(CreateMessageRequest.user("Hi"))).isEqualTo("{\"role\":\"user\",\"content\":\"Hi\"}");
		CreateMessageRequest parts = CreateMessageRequest.of(MessageRole.USER,
				List.of(new MessageRequestContentTextObject("Look"), MessageContentImageUrlObject.of("https://x/a.png"),
						MessageContentImageFileObject.of("file-1")))
			.withAttachments(List.of(new MessageAttachment("file-2", List.of(new AssistantToolsCode(),
					new AssistantToolsFileSearchTypeOnly()))))
			.withMetadata(Map.of("k", "v"));
		String written = this.json.writeValueAsString(parts);
		assertThat(this.json.readTree(written)).isEqualTo(this.json.readTree("""
				{"role":"user","content":[{"type":"text","text":"Look"},
				  {"type":"image_url","image_url":{"url":"https://x/a.png"}},
				  {"type":"image_file","image_file":{"file_id":"file-1"}}],
				 "attachments":[{"file_id":"file-2","tools":[{"type":"code_interpreter"},{"type":"file_search"}]}],
				 "metadata":{"k":"v"}}"""));
		assertThat(this.json.readValue(written, CreateMessageRequest.class)).isEqualTo(parts);
		assertThat(this.json.readValue("{\"role\":\"assistant\",\"content\":\"Hello\"}", CreateMessageRequest.class))
			.isEqualTo(CreateMessageRequest.assistant("Hello"));
	}

	@Test
	void omitsUnsetRequestFields() {
		assertThat(this.json.writeValueAsString(CreateRunRequest.builder("asst_1").build()))
			.isEqualTo("{\"assistant_id\":\"asst_1\"}");
		assertThat(this.json.writeValueAsString(CreateThreadRequest.builder().build())).isEqualTo("{}");
		assertThat(this.json.writeValueAsString(new ModifyRunRequest(null))).isEqualTo("{}");
	}

	@Test
	void rejectsMissingRequiredFields() {
		assertThatIllegalArgumentException().isThrownBy(() -> CreateAssistantRequest.builder(" ").build())
			.withMessageContaining("model");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateRunRequest.builder("").build())
			.withMessageContaining("assistant_id");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateThreadAndRunRequest.builder(null).build())
			.withMessageContaining("assistant_id");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateMessageRequest.user(""))
			.withMessageContaining("content");
		assertThatIllegalArgumentException().isThrownBy(() -> CreateMessageRequest.of(MessageRole.USER, List.of()))
			.withMessageContaining("content");
		assertThatIllegalArgumentException().isThrownBy(() -> SubmitToolOutputsRunRequest.of(List.of()))
			.withMessageContaining("tool_outputs");
	}

	@Test
	void mapsEveryFieldOfARunThatRequiresAction() {
		RunObject run = this.json.readValue("""
				{"id":"run_1","object":"thread.run","created_at":1700000000,"thread_id":"thread_1","assistant_id":"asst_1",
				 "status":"requires_action",
				 "required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[
				   {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}},
				 "last_error":{"code":"rate_limit_exceeded","message":"slow down"},
				 "expires_at":1700000600,"started_at":1700000001,"cancelled_at":1700000002,"failed_at":1700000003,
				 "completed_at":1700000004,"incomplete_details":{"reason":"max_prompt_tokens"},"model":"gpt-4o",
				 "instructions":"Be brief.","tools":[{"type":"function","function":{"name":"get_weather"}}],
				 "metadata":{"user":"u1"},"usage":{"completion_tokens":3,"prompt_tokens":5,"total_tokens":8},
				 "temperature":0.5,"top_p":0.9,"max_prompt_tokens":1000,"max_completion_tokens":2000,
				 "truncation_strategy":{"type":"last_messages","last_messages":10},
				 "tool_choice":{"type":"function","function":{"name":"get_weather"}},"parallel_tool_calls":false,
				 "response_format":{"type":"json_object"},"future_field":{"x":1}}""", RunObject.class);
		assertThat(run).isEqualTo(new RunObject("run_1", "thread.run", 1700000000L, "thread_1", "asst_1",
				RunStatus.REQUIRES_ACTION,
				new RunObject.RequiredAction("submit_tool_outputs",
						new RunObject.SubmitToolOutputs(List.of(new RunToolCallObject("call_1", "function",
								new RunToolCallObject.Function("get_weather", "{\"city\":\"Paris\"}"))))),
				new LastError(LastErrorCode.RATE_LIMIT_EXCEEDED, "slow down"), 1700000600L, 1700000001L, 1700000002L,
				1700000003L, 1700000004L, new RunObject.IncompleteDetails(RunIncompleteReason.MAX_PROMPT_TOKENS),
				"gpt-4o", "Be brief.",
				List.of(new AssistantToolsFunction(new FunctionObject(null, "get_weather", null, null))),
				Map.of("user", "u1"), new RunCompletionUsage(3, 5, 8), 0.5, 0.9, 1000, 2000,
				TruncationObject.lastMessages(10), AssistantsApiToolChoiceOption.function("get_weather"), false,
				new ResponseFormatJsonObject()));
	}

	@Test
	void writesAFullyBuiltAssistantRequest() {
		CreateAssistantRequest request = CreateAssistantRequest.builder("gpt-4o")
			.name("Helper")
			.description("Helps")
			.instructions("Be kind.")
			.reasoningEffort(ReasoningEffort.LOW)
			.tools(new AssistantToolsCode(),
					new AssistantToolsFunction(FunctionObject.of("lookup", "Looks up", Map.of("type", "object"))))
			.toolResources(new CreateToolResources(new ToolResources.CodeInterpreter(List.of("file-1")),
					new CreateToolResources.FileSearch(null,
							List.of(new CreateToolResources.VectorStore(List.of("file-2"),
									new StaticChunkingStrategyRequestParam(
											new StaticChunkingStrategyRequestParam.Static(800, 400)),
									Map.of("team", "a"))))))
			.metadata(Map.of("env", "test"))
			.temperature(0.2)
			.topP(0.8)
			.responseFormat(AssistantsApiResponseFormatOption.AUTO)
			.build();
		JsonNode written = this.json.readTree(this.json.writeValueAsString(request));
		assertThat(written).isEqualTo(this.json.readTree("""
				{"model":"gpt-4o","name":"Helper","description":"Helps","instructions":"Be kind.",
				 "reasoning_effort":"low",
				 "tools":[{"type":"code_interpreter"},
				   {"type":"function","function":{"description":"Looks up","name":"lookup","parameters":{"type":"object"}}}],
				 "tool_resources":{"code_interpreter":{"file_ids":["file-1"]},
				   "file_search":{"vector_stores":[{"file_ids":["file-2"],
				     "chunking_strategy":{"type":"static","static":{"max_chunk_size_tokens":800,"chunk_overlap_tokens":400}},
				     "metadata":{"team":"a"}}]}},
				 "metadata":{"env":"test"},"temperature":0.2,"top_p":0.8,"response_format":"auto"}"""));
		assertThat(this.json.readValue(written.toString(), CreateAssistantRequest.class)).isEqualTo(request);
	}

	private <T> T read(String tools, Class<T> type) {
		return this.json.readValue("{\"tools\":" + tools + "}", type);
	}

	record AssistantObjectTools(List<AssistantTool> tools) {
	}

}
