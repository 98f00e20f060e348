package dev.assistants.tools;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.client.AssistantsJson;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.model.AssistantStreamEvent;
import dev.assistants.client.model.AssistantStreamEvent.RunRequiresAction;
import dev.assistants.client.model.AssistantTool;
import dev.assistants.client.model.AssistantToolsFunction;
import dev.assistants.client.model.CreateRunRequest;
import dev.assistants.client.model.FunctionObject;
import dev.assistants.client.model.RunObject;
import dev.assistants.client.model.RunStatus;
import dev.assistants.client.model.RunToolCallObject;
import dev.assistants.client.model.SubmitToolOutputsRunRequest;
import dev.assistants.client.model.SubmitToolOutputsRunRequest.ToolOutput;

import org.springframework.util.Assert;

/**
 * Answers the function calls of runs with the declared {@link AssistantFunction}s: whenever a run
 * stops at {@code requires_action}, it calls the requested functions (in parallel, arguments bound
 * to each function's type), submits all outputs in one request, and carries on until the run ends
 * or the most rounds allowed are used.
 * <pre class="code">
 * toolCalls.createRunAndHandleToolCalls(threadId, CreateRunRequest.builder(assistantId).build())
 * </pre>
 */
public final class AssistantToolCalls {

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	private final AssistantsOperations operations;

	private final Map<String, AssistantFunction> functions;

	private final int maxRounds;

	private final ToolErrorHandling errorHandling;

	/**
	 * Create the loop.
	 * @param operations the client
	 * @param functions the functions runs may call, by their distinct names
	 * @param maxRounds how many times outputs are submitted for one run at the most
	 * @param errorHandling what to do when a call cannot be answered
	 */
	public AssistantToolCalls(AssistantsOperations operations, List<AssistantFunction> functions, int maxRounds,
			ToolErrorHandling errorHandling) {
		Assert.notNull(operations, "operations must not be null");
		Assert.isTrue(maxRounds > 0, "maxRounds must be positive");
		Assert.notNull(errorHandling, "errorHandling must not be null");
		this.operations = operations;
		this.functions = functions.stream()
			.collect(Collectors.toUnmodifiableMap((function) -> function.definition().name(), Function.identity()));
		this.maxRounds = maxRounds;
		this.errorHandling = errorHandling;
	}

	/**
	 * The tool definitions of the functions, to give an assistant or a run.
	 * @return one function tool per function
	 */
	public List<AssistantTool> tools() {
		return this.functions.values()
			.stream()
			.map(AssistantFunction::definition)
			.sorted(Comparator.comparing(FunctionObject::name))
			.<AssistantTool>map(AssistantToolsFunction::new)
			.toList();
	}

	/**
	 * Create a run, poll it, and answer its function calls until it ends.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the run as it ended
	 */
	public Mono<RunObject> createRunAndHandleToolCalls(String threadId, CreateRunRequest request) {
		return this.operations.createRunAndPoll(threadId, request).flatMap((run) -> handleToolCalls(run, 1));
	}

	/**
	 * Answer the function calls of a run that stopped at {@code requires_action}, polling it after
	 * each round, until it ends. A run in another status is returned as it is.
	 * @param run the run, usually as {@code pollRun} returned it
	 * @return the run as it ended
	 */
	public Mono<RunObject> handleToolCalls(RunObject run) {
		return handleToolCalls(run, 1);
	}

	private Mono<RunObject> handleToolCalls(RunObject run, int round) {
		if (!RunStatus.REQUIRES_ACTION.equals(run.status())) {
			return Mono.just(run);
		}
		return checkRound(run, round).then(outputs(run))
			.flatMap((outputs) -> this.operations.submitToolOutputsAndPoll(run.threadId(), run.id(),
					SubmitToolOutputsRunRequest.of(outputs)))
			.flatMap((next) -> handleToolCalls(next, round + 1));
	}

	/**
	 * Create a streamed run and answer its function calls: the events of the run and of each
	 * resumed part of it, in order, as one stream.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the events
	 */
	public Flux<AssistantStreamEvent> createRunStreamAndHandleToolCalls(String threadId, CreateRunRequest request) {
		return handleToolCalls(this.operations.createRunStream(threadId, request), 1);
	}

	private Flux<AssistantStreamEvent> handleToolCalls(Flux<AssistantStreamEvent> events, int round) {
		return events.concatMap((event) -> (event instanceof RunRequiresAction requiresAction)
				? Flux.just(event).concatWith(resume(requiresAction.data(), round)) : Flux.just(event));
	}

	private Flux<AssistantStreamEvent> resume(RunObject run, int round) {
		return checkRound(run, round).then(outputs(run))
			.flatMapMany((outputs) -> handleToolCalls(this.operations.submitToolOutputsToRunStream(run.threadId(),
					run.id(), SubmitToolOutputsRunRequest.of(outputs)), round + 1));
	}

	private Mono<Void> checkRound(RunObject run, int round) {
		return (round <= this.maxRounds) ? Mono.empty()
				: Mono.error(new ToolCallException("Run " + run.id() + " still requires tool outputs after "
						+ this.maxRounds + " rounds (openai.tools.max-rounds)", null));
	}

	/**
	 * Call every function the run asks for, in parallel, and collect the outputs in the order of
	 * the calls.
	 */
	Mono<List<ToolOutput>> outputs(RunObject run) {
		List<RunToolCallObject> calls = (run.requiredAction() != null)
				? run.requiredAction().submitToolOutputs().toolCalls() : List.of();
		return Flux.fromIterable(calls)
			.flatMapSequential((call) -> output(call).map((output) -> new ToolOutput(call.id(), output)))
			.collectList();
	}

	private Mono<String> output(RunToolCallObject call) {
		String name = call.function().name();
		AssistantFunction function = this.functions.get(name);
		if (function == null) {
			return failed(call, new ToolCallException("Run asked for the unknown function '" + name + "'", null));
		}
		return Mono.defer(() -> function.call(call.function().arguments()))
			.onErrorResume((ex) -> failed(call, new ToolCallException(
					"Function '" + name + "' failed for tool call " + call.id() + ": " + ex.getMessage(), ex)));
	}

	private Mono<String> failed(RunToolCallObject call, ToolCallException failure) {
		return switch (this.errorHandling) {
			case FAIL -> Mono.error(failure);
			case REPORT -> Mono.just(JSON.writeValueAsString(Map.of("error", failure.getMessage())));
		};
	}

}
