package dev.assistants.sample;

import reactor.core.publisher.Mono;

import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.tools.AssistantFunction;
import dev.assistants.tools.AssistantToolCalls;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shop assistant: its function tools as beans, and the assistant itself, created once.
 */
@Configuration(proxyBeanMethods = false)
class ShopAssistantConfiguration {

	/**
	 * The arguments of {@code order_status}.
	 *
	 * @param orderId the ID of the order
	 */
	record OrderQuery(String orderId) {
	}

	@Bean
	AssistantFunction orderStatus(OrderService orders) {
		return AssistantFunction.of("order_status", "Looks up the status of an order by its ID", OrderQuery.class,
				(query) -> orders.status(query.orderId()));
	}

	@Bean
	ShopAssistant shopAssistant(AssistantsOperations assistants, AssistantToolCalls toolCalls) {
		Mono<String> assistantId = assistants
			.createAssistant(CreateAssistantRequest.builder("gpt-4o")
				.name("Shop helper")
				.instructions("You help customers of our shop. Use the tools to look up orders.")
				.tools(toolCalls.tools())
				.build())
			.map((assistant) -> assistant.id())
			.cache();
		return new ShopAssistant(assistantId);
	}

	/**
	 * The ID of the shop's assistant, created on first use.
	 *
	 * @param id the assistant's ID
	 */
	record ShopAssistant(Mono<String> id) {
	}

}
