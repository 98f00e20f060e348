package dev.assistants.tools;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.RunEvent;
import dev.assistants.api.AssistantStreamEvent.RunRequiresAction;
import dev.assistants.api.AssistantTool;
import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.FunctionObject;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.RunToolCallObject;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.api.SubmitToolOutputsRunRequest.ToolOutput;
import dev.assistants.client.AssistantsJson;
import dev.assistants.client.AssistantsOperations;

import org.springframework.util.Assert;

/**
 * Answers the function calls of runs with the declared {@link AssistantFunction}s: whenever a run
 * stops at {@code requires_action}, it calls the requested functions (in parallel, arguments bound
 * to each function's type, each within the function timeout), submits all outputs in one request
 * (a function that answers nothing is answered with an empty output), and carries on until the run
 * ends or the most rounds allowed are used. When the loop gives up, or its subscriber cancels before
 * the run ends, it cancels the run (unless told not to), so that the thread is not left with a run
 * nobody answers.
 * <pre class="code">
 * toolCalls.createRunAndHandleToolCalls(threadId, CreateRunRequest.builder(assistantId).build())
 * </pre>
 */
public final class AssistantToolCalls {

	private static final Log logger = LogFactory.getLog(AssistantToolCalls.class);

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	private final AssistantsOperations operations;

	private final Map<String, AssistantFunction> functions;

	private final ToolCallOptions options;

	/**
	 * Create the loop.
	 * @param operations the client
	 * @param functions the functions runs may call, by their distinct names
	 * @param options how to answer the calls
	 */
	public AssistantToolCalls(AssistantsOperations operations, List<AssistantFunction> functions,
			ToolCallOptions options) {
		Assert.notNull(operations, "operations must not be null");
		Assert.notNull(options, "options must not be null");
		this.operations = operations;
		this.functions = functions.stream()
			.collect(Collectors.toUnmodifiableMap((function) -> function.definition().name(), Function.identity()));
		this.options = options;
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
		return this.operations.createRun(threadId, request)
			.flatMap((created) -> abandonable(created,
					this.operations.pollRun(threadId, created.id()).flatMap((run) -> loop(run, 1))));
	}

	/**
	 * Answer the function calls of a run that stopped at {@code requires_action}, polling it after
	 * each round, until it ends. A run in another status is returned as it is.
	 * @param run the run, usually as {@code pollRun} returned it
	 * @return the run as it ended
	 */
	public Mono<RunObject> handleToolCalls(RunObject run) {
		return abandonable(run, loop(run, 1));
	}

	private Mono<RunObject> loop(RunObject run, int round) {
		if (!RunStatus.REQUIRES_ACTION.equals(run.status())) {
			return Mono.just(run);
		}
		return checkRound(run, round).then(outputs(run))
			.flatMap((outputs) -> this.operations.submitToolOutputsAndPoll(run.threadId(), run.id(),
					SubmitToolOutputsRunRequest.of(outputs)))
			.flatMap((next) -> loop(next, round + 1));
	}

	/**
	 * Create a streamed run and answer its function calls: the events of the run and of each
	 * resumed part of it, in order, as one stream.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the events
	 */
	public Flux<AssistantStreamEvent> createRunStreamAndHandleToolCalls(String threadId, CreateRunRequest request) {
		return Flux.deferContextual((context) -> {
			AtomicReference<@Nullable RunObject> latest = new AtomicReference<>();
			return loop(this.operations.createRunStream(threadId, request), 1)
				.doOnNext((event) -> {
					if (event instanceof RunEvent run) {
						latest.set(run.data());
					}
				})
				.onErrorResume(ToolCallException.class, (ex) -> this.<AssistantStreamEvent>gaveUp(latest.get(), ex).flux())
				.doOnCancel(() -> abandoned(latest.get(), context));
		});
	}

	private Flux<AssistantStreamEvent> loop(Flux<AssistantStreamEvent> events, int round) {
		return events.concatMap((event) -> (event instanceof RunRequiresAction requiresAction)
				? Flux.just(event).concatWith(resume(requiresAction.data(), round)) : Flux.just(event));
	}

	private Flux<AssistantStreamEvent> resume(RunObject run, int round) {
		return checkRound(run, round).then(outputs(run))
			.flatMapMany((outputs) -> loop(this.operations.submitToolOutputsToRunStream(run.threadId(), run.id(),
					SubmitToolOutputsRunRequest.of(outputs)), round + 1));
	}

	private Mono<Void> checkRound(RunObject run, int round) {
		return (round <= this.options.maxRounds()) ? Mono.empty()
				: Mono.error(new ToolCallException("Run " + run.id() + " still requires tool outputs after "
						+ this.options.maxRounds() + " rounds (openai.tools.max-rounds)", null));
	}

	/**
	 * The loop for a run, which cancels the run if the loop gives up or its subscriber leaves
	 * before the run ends.
	 */
	private Mono<RunObject> abandonable(RunObject run, Mono<RunObject> loop) {
		return Mono.deferContextual((context) -> loop.onErrorResume(ToolCallException.class, (ex) -> gaveUp(run, ex))
			.doOnCancel(() -> abandoned(run, context)));
	}

	/** The loop gave up: cancel the run, and say so in the exception. */
	private <T> Mono<T> gaveUp(@Nullable RunObject run, ToolCallException failure) {
		if (run == null || !this.options.cancelOnFailure()) {
			return Mono.error(failure);
		}
		String stopped = "; run " + run.id() + " was cancelled (openai.tools.cancel-on-failure)";
		return this.operations.cancelRun(run.threadId(), run.id())
			.then(Mono.<T>error(() -> new ToolCallException(failure.getMessage() + stopped, failure)))
			.onErrorResume((ex) -> !(ex instanceof ToolCallException), (ex) -> {
				ToolCallException unanswered = new ToolCallException(failure.getMessage() + "; run " + run.id()
						+ " could not be cancelled: " + ex.getMessage(), failure);
				unanswered.addSuppressed(ex);
				return Mono.error(unanswered);
			});
	}

	/**
	 * The subscriber left before the run ended: cancel the run, as nobody will answer it, with the
	 * loop's context, so that the cancel carries the loop's {@code RequestOptions}.
	 */
	private void abandoned(@Nullable RunObject run, ContextView context) {
		if (run != null && this.options.cancelOnFailure() && !run.status().isStopped()
				&& !RunStatus.CANCELLING.equals(run.status())) {
			this.operations.cancelRun(run.threadId(), run.id())
				.contextWrite(context)
				.subscribe((cancelled) -> logger.debug("Cancelled run " + run.id() + ", whose tool-call loop was cancelled"),
						(ex) -> logger.debug("Could not cancel run " + run.id() + " after its tool-call loop was cancelled", ex));
		}
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
			return failed(new ToolCallException("Run asked for the unknown function '" + name + "'", null));
		}
		Duration timeout = this.options.functionTimeout();
		return Mono.defer(() -> function.call(call.function().arguments()))
			.timeout(timeout, Mono.error(() -> new ToolCallException("Function '" + name + "' did not answer tool call "
					+ call.id() + " within " + timeout.toMillis() + " ms (openai.tools.function-timeout)", null)))
			.defaultIfEmpty("")
			.onErrorResume((ex) -> failed((ex instanceof ToolCallException timedOut) ? timedOut : new ToolCallException(
					"Function '" + name + "' failed for tool call " + call.id() + ": " + ex.getMessage(), ex)));
	}

	private Mono<String> failed(ToolCallException failure) {
		return switch (this.options.onError()) {
			case FAIL -> Mono.error(failure);
			case REPORT -> Mono.just(JSON.writeValueAsString(Map.of("error", failure.getMessage())));
		};
	}

}
