package dev.assistants.tools;

import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.FunctionObject;
import dev.assistants.client.AssistantsJson;

import org.springframework.util.Assert;

/**
 * An {@link AssistantFunction} over a Java function of a typed argument.
 */
final class TypedAssistantFunction<A> implements AssistantFunction {

	private static final JsonMapper JSON = AssistantsJson.createMapper();

	private final FunctionObject definition;

	private final Class<A> argumentsType;

	private final Function<A, ?> function;

	TypedAssistantFunction(String name, String description, Class<A> argumentsType, Function<A, ?> function) {
		Assert.hasText(name, "name must not be blank");
		Assert.notNull(argumentsType, "argumentsType must not be null");
		Assert.notNull(function, "function must not be null");
		this.definition = FunctionObject.of(name, description, JsonSchemas.of(argumentsType));
		this.argumentsType = argumentsType;
		this.function = function;
	}

	@Override
	public FunctionObject definition() {
		return this.definition;
	}

	@Override
	public Mono<String> call(String arguments) {
		return Mono.fromCallable(() -> this.function.apply(JSON.readValue(arguments, this.argumentsType)))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((result) -> (result instanceof Mono<?> later) ? later : Mono.just(result))
			.map((result) -> (result instanceof String text) ? text : JSON.writeValueAsString(result));
	}

}
