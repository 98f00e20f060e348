package dev.assistants.emulator;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.LastErrorCode;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelException;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.model.ModelRequest;
import dev.assistants.model.deterministic.DeterministicModel;

/**
 * The emulator's model: the scripted turns first, in order, then the deterministic model.
 */
final class ScriptedModel implements AssistantModel {

	private final Deque<ModelTurn> script = new ConcurrentLinkedDeque<>();

	private final DeterministicModel fallback = new DeterministicModel();

	private final Consumer<ModelRequest> expiry;

	/**
	 * @param expiry what makes a run expire, for a turn that lets it
	 */
	ScriptedModel(Consumer<ModelRequest> expiry) {
		this.expiry = expiry;
	}

	void script(ModelTurn turn) {
		this.script.add(turn);
	}

	void reset() {
		this.script.clear();
	}

	@Override
	public Flux<ModelOutput> respond(ModelRequest request) {
		ModelTurn turn = this.script.poll();
		if (turn == null) {
			return this.fallback.respond(request);
		}
		Flux<ModelOutput> outputs = Flux.defer(() -> outputs(turn, request));
		return turn.delay().isZero() ? outputs : outputs.delaySubscription(turn.delay());
	}

	private Flux<ModelOutput> outputs(ModelTurn turn, ModelRequest request) {
		if (ModelTurn.EXPIRED.equals(turn.errorCode())) {
			return Mono.fromRunnable(() -> this.expiry.accept(request)).thenMany(Flux.never());
		}
		if (turn.errorCode() != null) {
			return Flux.error(new ModelException(LastErrorCode.of(turn.errorCode()),
					(turn.errorMessage() != null) ? turn.errorMessage() : turn.errorCode()));
		}
		if (turn.reply() != null) {
			return DeterministicModel.reply(request, turn.reply());
		}
		List<ToolCallDelta> calls = new ArrayList<>();
		for (ModelTurn.FunctionCall call : turn.functionCalls()) {
			calls.add(new ToolCallDelta(calls.size(), null, call.name(), call.arguments()));
		}
		return DeterministicModel.callFunctions(request, calls);
	}

}
