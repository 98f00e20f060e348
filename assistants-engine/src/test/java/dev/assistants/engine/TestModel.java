package dev.assistants.engine;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import dev.assistants.api.MessageContentTextObject;
import dev.assistants.api.MessageObject;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.model.ModelOutput;
import dev.assistants.engine.model.ModelOutput.Finish;
import dev.assistants.engine.model.ModelOutput.FinishReason;
import dev.assistants.engine.model.ModelOutput.TextDelta;
import dev.assistants.engine.model.ModelOutput.TokenUsage;
import dev.assistants.engine.model.ModelOutput.ToolCallDelta;
import dev.assistants.engine.model.ModelRequest;

/**
 * A model for the contract tests: it answers with the turns queued for it, else it echoes the last
 * message; it records what it was asked, and a turn can wait until the test releases it.
 */
public final class TestModel implements AssistantModel {

	private final Queue<Function<ModelRequest, Flux<ModelOutput>>> turns = new ConcurrentLinkedQueue<>();

	private final List<ModelRequest> requests = new CopyOnWriteArrayList<>();

	private final List<String> cancelled = new CopyOnWriteArrayList<>();

	@Override
	public Flux<ModelOutput> respond(ModelRequest request) {
		this.requests.add(request);
		Function<ModelRequest, Flux<ModelOutput>> turn = this.turns.poll();
		Flux<ModelOutput> outputs = (turn != null) ? turn.apply(request) : reply("You said: " + lastText(request));
		return outputs.doOnCancel(() -> this.cancelled.add(request.run().id()));
	}

	/** The next turn replies with this text, in two pieces. */
	public TestModel thenReply(String text) {
		this.turns.add((request) -> reply(text));
		return this;
	}

	/** The next turn calls these functions, each given as name and arguments. */
	public TestModel thenCall(String... nameThenArguments) {
		this.turns.add((request) -> {
			Flux<ModelOutput> calls = Flux.empty();
			for (int i = 0; i < nameThenArguments.length; i += 2) {
				calls = calls.concatWithValues(new ToolCallDelta(i / 2, null, nameThenArguments[i], ""),
						new ToolCallDelta(i / 2, null, null, nameThenArguments[i + 1]));
			}
			return calls.concatWithValues(new Finish(FinishReason.TOOL_CALLS, new TokenUsage(5, 3)));
		});
		return this;
	}

	/** The next turn produces these outputs. */
	public TestModel then(ModelOutput... outputs) {
		this.turns.add((request) -> Flux.just(outputs));
		return this;
	}

	/** The next turn fails. */
	public TestModel thenFail(RuntimeException failure) {
		this.turns.add((request) -> Flux.error(failure));
		return this;
	}

	/** The next turn starts to reply, then waits until the gate opens, then finishes. */
	public Sinks.Empty<Void> thenWait() {
		Sinks.Empty<Void> gate = Sinks.empty();
		this.turns.add((request) -> Flux.<ModelOutput>just(new TextDelta("Thinking"))
			.concatWith(gate.asMono().cast(ModelOutput.class))
			.concatWithValues(new TextDelta(" done"), new Finish(FinishReason.STOP, new TokenUsage(2, 2))));
		return gate;
	}

	/** What the model was asked, oldest first. */
	public List<ModelRequest> requests() {
		return List.copyOf(this.requests);
	}

	/** The runs whose turn was cancelled before it ended. */
	public List<String> cancelled() {
		return List.copyOf(this.cancelled);
	}

	private static Flux<ModelOutput> reply(String text) {
		int half = text.length() / 2;
		return Flux.just(new TextDelta(text.substring(0, half)), new TextDelta(text.substring(half)),
				new Finish(FinishReason.STOP, new TokenUsage(10, 4)));
	}

	private static String lastText(ModelRequest request) {
		List<MessageObject> messages = request.messages();
		return messages.isEmpty() ? "" : messages.get(messages.size() - 1)
			.content()
			.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.map((content) -> ((MessageContentTextObject) content).text().value())
			.findFirst()
			.orElse("");
	}

}
