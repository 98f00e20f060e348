package dev.assistants.model.springai;

import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.content.Media;
import org.springframework.ai.openai.OpenAiChatModel.ResponseFormat;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.CollectionUtils;
import org.springframework.util.StringUtils;

/**
 * The body of a streamed Chat Completions request, as OpenAI's API reference defines it and Spring
 * AI's OpenAI module sends it: the prompt's messages, and each option set in
 * {@link OpenAiChatOptions} under its wire name.
 */
final class ChatCompletionsRequest {

	private ChatCompletionsRequest() {
	}

	static byte[] body(JsonMapper json, List<Message> messages, OpenAiChatOptions options) {
		ObjectNode body = json.createObjectNode();
		String model = StringUtils.hasText(options.getDeploymentName()) ? options.getDeploymentName() : options.getModel();
		if (StringUtils.hasText(model)) {
			body.put("model", model);
		}
		ArrayNode wireMessages = body.putArray("messages");
		for (Message message : messages) {
			message(wireMessages, message);
		}
		body.put("stream", true);
		ObjectNode streamOptions = body.putObject("stream_options");
		OpenAiChatOptions.StreamOptions configured = options.getStreamOptions();
		if (configured != null) {
			putIfSet(streamOptions, "include_obfuscation", configured.includeObfuscation());
			streamOptions.put("include_usage", Boolean.TRUE.equals(configured.includeUsage()));
			if (configured.additionalProperties() != null) {
				configured.additionalProperties().forEach((name, value) -> streamOptions.set(name, json.valueToTree(value)));
			}
		}
		else {
			streamOptions.put("include_usage", true);
		}
		putIfSet(body, "frequency_penalty", options.getFrequencyPenalty());
		putIfSet(body, "presence_penalty", options.getPresencePenalty());
		putIfSet(body, "temperature", options.getTemperature());
		putIfSet(body, "top_p", options.getTopP());
		putIfSet(body, "max_tokens", options.getMaxTokens());
		putIfSet(body, "max_completion_tokens", options.getMaxCompletionTokens());
		putIfSet(body, "n", options.getN());
		putIfSet(body, "seed", options.getSeed());
		putIfSet(body, "logprobs", options.getLogprobs());
		putIfSet(body, "top_logprobs", options.getTopLogprobs());
		putIfSet(body, "user", options.getUser());
		putIfSet(body, "parallel_tool_calls", options.getParallelToolCalls());
		putIfSet(body, "store", options.getStore());
		putIfSet(body, "verbosity", options.getVerbosity());
		putIfSet(body, "service_tier", options.getServiceTier());
		putIfSet(body, "prompt_cache_key", options.getPromptCacheKey());
		if (options.getReasoningEffort() != null) {
			body.put("reasoning_effort", options.getReasoningEffort().toLowerCase(Locale.ROOT));
		}
		if (!CollectionUtils.isEmpty(options.getLogitBias())) {
			body.set("logit_bias", json.valueToTree(options.getLogitBias()));
		}
		if (!CollectionUtils.isEmpty(options.getMetadata())) {
			body.set("metadata", json.valueToTree(options.getMetadata()));
		}
		if (!CollectionUtils.isEmpty(options.getOutputModalities())) {
			ArrayNode modalities = body.putArray("modalities");
			options.getOutputModalities().forEach((modality) -> modalities.add(modality.toLowerCase(Locale.ROOT)));
		}
		List<String> stop = options.getStop();
		if (!CollectionUtils.isEmpty(stop)) {
			body.set("stop", (stop.size() == 1) ? json.valueToTree(stop.get(0)) : json.valueToTree(stop));
		}
		if (options.getResponseFormat() != null) {
			body.set("response_format", responseFormat(json, options.getResponseFormat()));
		}
		List<ToolCallback> tools = options.getToolCallbacks();
		if (!CollectionUtils.isEmpty(tools)) {
			ArrayNode wireTools = body.putArray("tools");
			for (ToolCallback tool : tools) {
				wireTools.add(tool(json, tool.getToolDefinition(), Boolean.TRUE.equals(options.getStrict())));
			}
		}
		if (options.getToolChoice() != null) {
			body.set("tool_choice", toolChoice(json, options.getToolChoice()));
		}
		if (options.getExtraBody() != null) {
			options.getExtraBody().forEach((name, value) -> body.set(name, json.valueToTree(value)));
		}
		return json.writeValueAsBytes(body);
	}

	private static void message(ArrayNode messages, Message message) {
		if (message instanceof SystemMessage system) {
			messages.addObject().put("role", "system").put("content", system.getText());
		}
		else if (message instanceof UserMessage user) {
			ObjectNode wire = messages.addObject().put("role", "user");
			if (CollectionUtils.isEmpty(user.getMedia())) {
				wire.put("content", user.getText());
				return;
			}
			ArrayNode parts = wire.putArray("content");
			if (StringUtils.hasLength(user.getText())) {
				parts.addObject().put("type", "text").put("text", user.getText());
			}
			user.getMedia().forEach((media) -> part(parts, media));
		}
		else if (message instanceof AssistantMessage assistant) {
			ObjectNode wire = messages.addObject().put("role", "assistant");
			wire.put("content", assistant.getText());
			if (!CollectionUtils.isEmpty(assistant.getToolCalls())) {
				ArrayNode calls = wire.putArray("tool_calls");
				for (AssistantMessage.ToolCall call : assistant.getToolCalls()) {
					ObjectNode wireCall = calls.addObject().put("id", call.id()).put("type", "function");
					wireCall.putObject("function").put("name", call.name()).put("arguments", call.arguments());
				}
			}
		}
		else if (message instanceof ToolResponseMessage tool) {
			for (ToolResponseMessage.ToolResponse response : tool.getResponses()) {
				messages.addObject()
					.put("role", "tool")
					.put("tool_call_id", response.id())
					.put("content", response.responseData());
			}
		}
		else {
			throw new IllegalArgumentException("Messages of type " + message.getMessageType() + " cannot be sent");
		}
	}

	private static void part(ArrayNode parts, Media media) {
		String type = media.getMimeType().toString();
		if (type.startsWith("image/")) {
			parts.addObject().put("type", "image_url").putObject("image_url").put("url", url(media));
		}
		else if (type.startsWith("audio/")) {
			if (!(media.getData() instanceof byte[] bytes)) {
				throw new IllegalArgumentException("Audio is sent as bytes, not as " + media.getData().getClass().getName());
			}
			parts.addObject()
				.put("type", "input_audio")
				.putObject("input_audio")
				.put("data", Base64.getEncoder().encodeToString(bytes))
				.put("format", type.contains("mp3") ? "mp3" : "wav");
		}
		else if ("application/pdf".equals(type)) {
			ObjectNode file = parts.addObject().put("type", "file").putObject("file");
			file.put("filename", media.getName()).put("file_data", url(media));
		}
		else {
			throw new IllegalArgumentException("Media of type " + type + " cannot be sent to a Chat Completions endpoint");
		}
	}

	/** An image's or file's URL, or its bytes as a {@code data:} URL. */
	private static String url(Media media) {
		Object data = media.getData();
		if (data instanceof byte[] bytes) {
			return "data:" + media.getMimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
		}
		if (data instanceof URI || data instanceof String) {
			return data.toString();
		}
		throw new IllegalArgumentException("Media data of type " + data.getClass().getName() + " cannot be sent");
	}

	private static JsonNode responseFormat(JsonMapper json, ResponseFormat format) {
		ObjectNode wire = json.createObjectNode();
		switch (format.getType()) {
			case TEXT -> wire.put("type", "text");
			case JSON_OBJECT -> wire.put("type", "json_object");
			case JSON_SCHEMA -> {
				wire.put("type", "json_schema");
				ObjectNode schema = wire.putObject("json_schema");
				schema.put("name", "json_schema");
				schema.put("strict", (format.getStrict() != null) ? format.getStrict() : true);
				schema.set("schema", json.readTree(StringUtils.hasText(format.getJsonSchema()) ? format.getJsonSchema() : "{}"));
			}
		}
		return wire;
	}

	private static JsonNode tool(JsonMapper json, ToolDefinition definition, boolean strict) {
		ObjectNode tool = json.createObjectNode().put("type", "function");
		ObjectNode function = tool.putObject("function");
		function.put("name", definition.name());
		function.put("description", definition.description());
		function.set("parameters", json.readTree(StringUtils.hasText(definition.inputSchema()) ? definition.inputSchema()
				: "{\"type\":\"object\",\"properties\":{}}"));
		function.put("strict", strict);
		return tool;
	}

	/** {@code auto}, {@code none} and {@code required} as strings; a named choice as its JSON. */
	private static JsonNode toolChoice(JsonMapper json, Object choice) {
		if (choice instanceof String text) {
			String trimmed = text.trim();
			return trimmed.startsWith("{") ? json.readTree(trimmed) : json.valueToTree(trimmed);
		}
		return (choice instanceof Map<?, ?> || choice instanceof JsonNode) ? json.valueToTree(choice)
				: json.valueToTree(choice.toString());
	}

	private static void putIfSet(ObjectNode node, String name, @Nullable Object value) {
		if (value instanceof String text) {
			node.put(name, text);
		}
		else if (value instanceof Integer number) {
			node.put(name, number);
		}
		else if (value instanceof Double number) {
			node.put(name, number);
		}
		else if (value instanceof Boolean flag) {
			node.put(name, flag);
		}
	}

}
