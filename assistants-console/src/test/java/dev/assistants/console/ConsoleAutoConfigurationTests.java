package dev.assistants.console;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.CacheControl;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the console is served, and what: its page at {@code /} (never cached stale, and allowed to run
 * its own module only) and its modules.
 */
class ConsoleAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConsoleAutoConfiguration.class));

	@Test
	void servesThePageAndItsModulesInDevelopmentMode() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("assistantsConsole");
			WebTestClient client = WebTestClient.bindToRouterFunction(context.getBean("assistantsConsole", RouterFunction.class))
				.build();
			client.get().uri("/").exchange().expectStatus().isOk().expectHeader().cacheControl(CacheControl.noCache())
				.expectHeader()
				.valueEquals("Content-Security-Policy", "default-src 'self'; img-src 'self' blob: data:; object-src 'none'; "
						+ "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
				.expectBody(String.class)
				.value((page) -> assertThat(page).contains("<script type=\"module\" src=\"/console/assets/console.js\"></script>"));
			client.get().uri("/console/assets/console.js").exchange().expectStatus().isOk().expectBody(String.class)
				.value((script) -> assertThat(script).contains("async function playgroundPage()"));
			client.get().uri("/console/assets/nope.js").exchange().expectStatus().isNotFound();
		});
	}

	@Test
	void isOffWhenKeysAreConfiguredUnlessAskedFor() {
		this.runner.withPropertyValues("assistants.server.api-keys[0].key=sk-a", "assistants.server.api-keys[0].project=a")
			.run((context) -> assertThat(context).doesNotHaveBean("assistantsConsole"));
		this.runner.withPropertyValues("assistants.server.api-keys[0].key=sk-a", "assistants.server.api-keys[0].project=a",
				"assistants.server.console.enabled=true")
			.run((context) -> assertThat(context).hasBean("assistantsConsole"));
		this.runner.withPropertyValues("assistants.server.console.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("assistantsConsole"));
	}

}
