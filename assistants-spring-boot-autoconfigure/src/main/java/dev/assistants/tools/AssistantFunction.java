package dev.assistants.tools;

import java.util.function.Function;

import reactor.core.publisher.Mono;

import dev.assistants.api.FunctionObject;

/**
 * A function the assistant may call: its definition for the model, and how to call it. Declare
 * one as a Spring bean and the starter answers the run's calls of it (see
 * {@link AssistantToolCalls}):
 * <pre class="code">
 * record OrderQuery(String orderId) {}
 *
 * &#64;Bean
 * AssistantFunction orderStatus(OrderService orders) {
 *     return AssistantFunction.of("order_status", "Status of an order", OrderQuery.class,
 *             (query) -&gt; orders.status(query.orderId()));
 * }
 * </pre>
 */
public interface AssistantFunction {

	/**
	 * The function's definition: its name, a description the model reads to decide when to call it,
	 * and its parameters as a JSON schema.
	 * @return the definition
	 */
	FunctionObject definition();

	/**
	 * Call the function.
	 * @param arguments the arguments the model chose, as JSON
	 * @return the output for the model
	 */
	Mono<String> call(String arguments);

	/**
	 * A function whose JSON arguments are bound to a record (or other Jackson-readable type) and
	 * whose JSON schema is derived from it. The function may block (it runs on Reactor's
	 * bounded-elastic scheduler) or return a {@link Mono}; a result that is not a {@code String} is
	 * written as JSON.
	 * @param <A> the type of the arguments
	 * @param name the name of the function, as the model calls it
	 * @param description what the function does, for the model
	 * @param argumentsType the type the arguments are bound to
	 * @param function the function
	 * @return the function
	 */
	static <A> AssistantFunction of(String name, String description, Class<A> argumentsType,
			Function<A, ?> function) {
		return new TypedAssistantFunction<>(name, description, argumentsType, function);
	}

}
