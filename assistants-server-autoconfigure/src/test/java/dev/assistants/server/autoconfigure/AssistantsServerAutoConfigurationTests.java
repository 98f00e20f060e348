package dev.assistants.server.autoconfigure;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.server.WebFilter;

import dev.assistants.engine.ApiCaller;
import dev.assistants.engine.ApiKeys;
import dev.assistants.engine.AssistantsEngine;
import dev.assistants.engine.model.AssistantModel;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.model.deterministic.DeterministicModel;
import dev.assistants.model.springai.OpenAiCompatibleChatModel;
import dev.assistants.model.springai.SpringAiModel;
import dev.assistants.store.memory.InMemoryStore;
import dev.assistants.store.postgresql.PostgresStore;
import dev.assistants.store.postgresql.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server's auto-configuration gives an application, with and without a database, with each
 * model, and what it leaves to the application's own beans. The application excludes Boot's data
 * source auto-configuration, as the server application does.
 */
class AssistantsServerAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ServerDataSourceAutoConfiguration.class,
				AssistantsStoreAutoConfiguration.class, AssistantModelAutoConfiguration.class,
				AssistantsServerAutoConfiguration.class));

	@Test
	void withNothingConfiguredServesOneProjectInMemoryOnTheDeterministicModel() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(AssistantsEngine.class)
				.doesNotHaveBean(DataSource.class)
				.hasBean("assistantsCallerFilter")
				.hasBean("assistantsRateLimits")
				.hasBean("assistantsRoutes")
				.hasBean("assistantsRunRecovery");
			assertThat(context.getBean(AssistantsStore.class)).isInstanceOf(InMemoryStore.class);
			assertThat(context.getBean(AssistantModel.class)).isInstanceOf(DeterministicModel.class);
			assertThat(context.getBean(ApiKeys.class).caller(null)).isEqualTo(new ApiCaller("default", "any"));
			assertThat(context.getBean("assistantsCallerFilter", WebFilter.class))
				.isSameAs(context.getBean(AssistantsEngine.class).callerFilter());
			// before Actuator's endpoints (-100), which would otherwise be matched against every API request
			assertThat(context.getBean("assistantsRoutes", RouterFunctionMapping.class).getOrder())
				.isEqualTo(Ordered.HIGHEST_PRECEDENCE);
		});
	}

	@Test
	void withADatabaseUrlKeepsEverythingInPostgres() {
		this.runner.withPropertyValues(properties(TestDatabase.properties())).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
			assertThat(context.getBean(AssistantsStore.class)).isInstanceOf(PostgresStore.class);
		});
	}

	@Test
	void withConnectionDetailsAndNoUrlKeepsEverythingInPostgres() {
		this.runner.withUserConfiguration(ConnectionDetailsConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
			assertThat(context.getEnvironment().getProperty("spring.datasource.url")).isNull();
			assertThat(context.getBean(AssistantsStore.class)).isInstanceOf(PostgresStore.class);
		});
	}

	@Test
	void withSpringAiAnswersRunsWithTheApplicationsChatModel() {
		this.runner.withPropertyValues("assistants.server.model=spring-ai")
			.withBean(ChatModel.class, () -> (prompt) -> {
				throw new UnsupportedOperationException();
			})
			.run((context) -> assertThat(context.getBean(AssistantModel.class)).isInstanceOf(SpringAiModel.class));
	}

	@Test
	void withTheOpenAiCompatibleChatModelTheSpringAiOpenAiPropertiesConfigureIt() {
		this.runner.withConfiguration(AutoConfigurations.of(OpenAiCompatibleChatModelAutoConfiguration.class))
			.withPropertyValues("assistants.server.model=spring-ai", "spring.ai.model.chat=openai-compatible",
					"spring.ai.openai.base-url=http://127.0.0.1:11434/v1", "spring.ai.openai.api-key=sk-common",
					"spring.ai.openai.chat.api-key=sk-chat", "spring.ai.openai.organization-id=org-1",
					"spring.ai.openai.timeout=7s", "spring.ai.openai.max-retries=1", "spring.ai.openai.chat.seed=9",
					"spring.ai.openai.custom-headers.X-Team=search")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ChatModel.class);
				OpenAiCompatibleChatModel chatModel = context.getBean(OpenAiCompatibleChatModel.class);
				OpenAiChatOptions options = (OpenAiChatOptions) chatModel.getOptions();
				assertThat(options.getBaseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
				assertThat(options.getApiKey()).as("the chat model's own key first").isEqualTo("sk-chat");
				assertThat(options.getOrganizationId()).isEqualTo("org-1");
				assertThat(options.getTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(options.getMaxRetries()).isEqualTo(1);
				assertThat(options.getSeed()).isEqualTo(9);
				assertThat(options.getCustomHeaders()).containsEntry("X-Team", "search");
				assertThat(context.getBean(AssistantModel.class)).hasToString("Spring AI OpenAiCompatibleChatModel");
			});
	}

	@Test
	void theOpenAiCompatibleChatModelIsOffUnlessSelected() {
		this.runner.withConfiguration(AutoConfigurations.of(OpenAiCompatibleChatModelAutoConfiguration.class))
			.withPropertyValues("spring.ai.openai.base-url=http://127.0.0.1:11434/v1")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(ChatModel.class));
	}

	@Test
	void theOpenAiCompatibleChatModelRefusesMicrosoftFoundrysAuthentication() {
		this.runner.withConfiguration(AutoConfigurations.of(OpenAiCompatibleChatModelAutoConfiguration.class))
			.withPropertyValues("assistants.server.model=spring-ai", "spring.ai.model.chat=openai-compatible",
					"spring.ai.openai.microsoft-foundry=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("spring.ai.model.chat=openai-compatible authenticates with an API key only: for Microsoft "
						+ "Foundry, GitHub Models or a credential, set spring.ai.model.chat=openai (Spring AI's OpenAI chat model)"));
	}

	@Test
	void withSpringAiButNoChatModelRefusesToStart() {
		this.runner.withPropertyValues("assistants.server.model=spring-ai")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("assistants.server.model=spring-ai needs one Spring AI chat model"));
	}

	@Test
	void pacesTheDeterministicModelWithItsLatency() {
		this.runner.withPropertyValues("assistants.server.deterministic.latency=150ms").run((context) -> {
			AssistantModel model = context.getBean(AssistantModel.class);
			assertThat(model).isInstanceOf(DeterministicModel.class);
			assertThat(model).extracting("latency").isEqualTo(Duration.ofMillis(150));
		});
	}

	@Test
	void backsOffForTheApplicationsOwnStoreModelAndKeys() {
		AssistantsStore store = new InMemoryStore();
		AssistantModel model = (request) -> Flux.empty();
		ApiKeys keys = (apiKey) -> null;
		this.runner.withPropertyValues(properties(TestDatabase.properties()))
			.withBean("teamStore", AssistantsStore.class, () -> store)
			.withBean("teamModel", AssistantModel.class, () -> model)
			.withBean("teamKeys", ApiKeys.class, () -> keys)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DataSource.class);
				assertThat(context.getBean(AssistantsStore.class)).isSameAs(store);
				assertThat(context.getBean(AssistantModel.class)).isSameAs(model);
				assertThat(context.getBean(ApiKeys.class)).isSameAs(keys);
				assertThat(context).hasSingleBean(AssistantsEngine.class);
			});
	}

	@Test
	void withConfiguredKeysKnowsEachCallerByItsKeysHash() {
		this.runner
			.withPropertyValues("assistants.server.api-keys[0].key=sk-team-a", "assistants.server.api-keys[0].project=a")
			.run((context) -> {
				ApiKeys keys = context.getBean(ApiKeys.class);
				assertThat(keys.caller("sk-team-a"))
					.isEqualTo(new ApiCaller("a", ConfiguredApiKeys.sha256("sk-team-a")));
				assertThat(keys.caller("sk-team-b")).isNull();
				assertThat(keys.caller(null)).isNull();
				assertThat(keys.caller("sk-team-a").toString()).doesNotContain("sk-team-a");
			});
	}

	@Test
	void isOffWhenDisabled() {
		this.runner.withPropertyValues("assistants.server.enabled=false")
			.withPropertyValues(properties(TestDatabase.properties()))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(AssistantsEngine.class)
				.doesNotHaveBean(AssistantsStore.class)
				.doesNotHaveBean(AssistantModel.class)
				.doesNotHaveBean(DataSource.class));
	}

	@Test
	void servesNothingOutsideAReactiveWebApplication() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AssistantsStoreAutoConfiguration.class,
				AssistantModelAutoConfiguration.class, AssistantsServerAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AssistantsEngine.class));
	}

	private static String[] properties(Map<String, String> properties) {
		return properties.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toArray(String[]::new);
	}

	/** A database given as connection details, as a Testcontainers or Docker Compose service connection is. */
	@Configuration(proxyBeanMethods = false)
	static class ConnectionDetailsConfiguration {

		@Bean
		JdbcConnectionDetails testDatabaseConnectionDetails() {
			Map<String, String> database = TestDatabase.properties();
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return database.get("spring.datasource.username");
				}

				@Override
				public String getPassword() {
					return database.get("spring.datasource.password");
				}

				@Override
				public String getJdbcUrl() {
					return database.get("spring.datasource.url");
				}

			};
		}

	}

}
