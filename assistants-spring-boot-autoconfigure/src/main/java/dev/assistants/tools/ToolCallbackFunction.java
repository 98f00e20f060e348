package dev.assistants.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.FunctionObject;
import dev.assistants.client.AssistantsJson;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.util.Assert;

/**
 * A Spring AI {@link ToolCallback} as an {@link AssistantFunction}: the tool's name, description
 * and input schema as the function's definition, and the tool called with the model's arguments. A
 * team that has its tools as Spring AI {@code @Tool} methods or {@code ToolCallback}s answers an
 * assistant's function calls with them, without writing them again:
 * <pre class="code">
 * List&lt;AssistantFunction&gt; functions = ToolCallbackFunction.of(ToolCallbacks.from(orderTools));
 * </pre>
 * The starter does this on its own for the application's {@code ToolCallback} and
 * {@code ToolCallbackProvider} beans.
 */
public final class ToolCallbackFunction implements AssistantFunction {

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	private final ToolCallback tool;

	private final FunctionObject definition;

	private ToolCallbackFunction(ToolCallback tool) {
		ToolDefinition definition = tool.getToolDefinition();
		this.tool = tool;
		this.definition = FunctionObject.of(definition.name(), definition.description(),
				JSON.readValue(definition.inputSchema(), new TypeReference<Map<String, Object>>() {
				}));
	}

	/**
	 * Adapt a Spring AI tool.
	 * @param tool the tool
	 * @return the function
	 */
	public static AssistantFunction of(ToolCallback tool) {
		Assert.notNull(tool, "tool must not be null");
		return new ToolCallbackFunction(tool);
	}

	/**
	 * Adapt Spring AI tools, for example those {@code ToolCallbacks.from(object)} makes of an
	 * object's {@code @Tool} methods.
	 * @param tools the tools
	 * @return one function per tool, in the same order
	 */
	public static List<AssistantFunction> of(ToolCallback... tools) {
		Assert.notNull(tools, "tools must not be null");
		return Arrays.stream(tools).map(ToolCallbackFunction::of).toList();
	}

	@Override
	public FunctionObject definition() {
		return this.definition;
	}

	/**
	 * Call the tool on Reactor's bounded-elastic scheduler, as a Spring AI tool may block.
	 */
	@Override
	public Mono<String> call(String arguments) {
		return Mono.fromCallable(() -> this.tool.call(arguments)).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public String toString() {
		return "ToolCallbackFunction[" + this.definition.name() + "]";
	}

}
