package dev.assistants.autoconfigure;

import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.AssistantToolsFunction;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.RunObject;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.AuthStyle;
import dev.assistants.client.FileOperations;
import dev.assistants.client.PollOptions;
import dev.assistants.client.RetrySettings;
import dev.assistants.client.VectorStoreOperations;
import dev.assistants.tools.AssistantFunction;
import dev.assistants.tools.AssistantToolCalls;
import dev.assistants.tools.ToolCallOptions;
import dev.assistants.tools.ToolErrorHandling;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.function.FunctionToolCallback;
import org.springframework.ai.tool.method.MethodToolCallbackProvider;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class AssistantsAutoConfigurationTests {

	private static final String RUN = """
			{"id":"run_1","object":"thread.run","created_at":1,"thread_id":"thread_1","assistant_id":"asst_1",
			 "status":"queued","model":"gpt-4o","instructions":"","tools":[],"metadata":{},"parallel_tool_calls":true,
			 "not_in_the_spec":true}""";

	private static final WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, AssistantsAutoConfiguration.class,
				AssistantToolCallsAutoConfiguration.class));

	private final ApplicationContextRunner localServerRunner = this.contextRunner
		.withPropertyValues("openai.base-url=" + server.baseUrl());

	@BeforeAll
	static void startServer() {
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void stub() {
		server.resetAll();
		server.stubFor(WireMock.any(anyUrl()).willReturn(okJson(RUN)));
	}

	@Test
	void createsTheClientWithDefaults() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AssistantsAutoConfiguration.class))
			.withPropertyValues("openai.api-key=sk-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(AssistantsTemplate.class)
					.hasSingleBean(PropertiesOpenAiConnectionDetails.class);
				AssistantsTemplate template = context.getBean(AssistantsTemplate.class);
				assertThat(context.getBean(FileOperations.class)).isSameAs(template.files());
				assertThat(context.getBean(VectorStoreOperations.class)).isSameAs(template.vectorStores());
				OpenAiProperties properties = context.getBean(OpenAiProperties.class);
				assertThat(properties.isEnabled()).isTrue();
				assertThat(properties.getBaseUrl()).isEqualTo("https://api.openai.com/v1");
				assertThat(properties.getAuthStyle()).isEqualTo(AuthStyle.BEARER);
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(60));
				assertThat(properties.getMaxInMemorySize()).isEqualTo(DataSize.ofMegabytes(10));
				assertThat(properties.getHeaders()).isEmpty();
			});
	}

	@Test
	void bindsEveryProperty() {
		this.localServerRunner
			.withPropertyValues("openai.api-key=sk-1", "openai.auth-style=api-key", "openai.organization=org-1",
					"openai.project=proj-1", "openai.headers.[X-Tenant]=acme", "openai.connect-timeout=2s",
					"openai.response-timeout=5s", "openai.max-in-memory-size=1MB", "openai.timeout=30s",
					"openai.max-connections=7", "openai.connection-acquire-timeout=3s", "openai.wiretap=true", "openai.retry.max-retries=4",
					"openai.retry.initial-backoff=100ms", "openai.retry.max-backoff=2s", "openai.retry.jitter=0.5",
					"openai.retry.max-server-delay=10s", "openai.retry.idempotency-keys=true",
					"openai.stream.idle-timeout=15s", "openai.polling.interval=250ms", "openai.polling.timeout=2m",
					"openai.polling.cancel-on-timeout=true")
			.run((context) -> {
				OpenAiProperties properties = context.getBean(OpenAiProperties.class);
				assertThat(properties.getApiKey()).isEqualTo("sk-1");
				assertThat(properties.getAuthStyle()).isEqualTo(AuthStyle.API_KEY);
				assertThat(properties.getOrganization()).isEqualTo("org-1");
				assertThat(properties.getProject()).isEqualTo("proj-1");
				assertThat(properties.getHeaders()).containsExactly(Map.entry("X-Tenant", "acme"));
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getMaxInMemorySize()).isEqualTo(DataSize.ofMegabytes(1));
				assertThat(properties.getTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getMaxConnections()).isEqualTo(7);
				assertThat(properties.getConnectionAcquireTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.isWiretap()).isTrue();
				assertThat(properties.getRetry().toSettings()).isEqualTo(new RetrySettings(4, Duration.ofMillis(100),
						Duration.ofSeconds(2), 0.5, Duration.ofSeconds(10)));
				assertThat(properties.getRetry().isIdempotencyKeys()).isTrue();
				assertThat(properties.getStream().getIdleTimeout()).isEqualTo(Duration.ofSeconds(15));
				assertThat(properties.getPolling().toOptions())
					.isEqualTo(new PollOptions(Duration.ofMillis(250), Duration.ofMinutes(2), true));
				LoggedRequest request = call(context.getBean(AssistantsOperations.class));
				assertThat(request.getHeader("api-key")).isEqualTo("sk-1");
				assertThat(request.getHeader("OpenAI-Organization")).isEqualTo("org-1");
				assertThat(request.getHeader("OpenAI-Project")).isEqualTo("proj-1");
				assertThat(request.getHeader("X-Tenant")).isEqualTo("acme");
				assertThat(request.containsHeader("Idempotency-Key")).isFalse();
			});
	}

	@Test
	void bindsTheEnvironmentVariablesThroughRelaxedBinding() {
		Map<String, Object> environment = Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", server.baseUrl() + "/v9");
		this.contextRunner.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
			.run((context) -> {
				assertThat(context.getBean(OpenAiProperties.class).getApiKey()).isEqualTo("sk-env");
				LoggedRequest request = call(context.getBean(AssistantsOperations.class));
				assertThat(request.getUrl()).startsWith("/v9/threads");
				assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-env");
			});
	}

	@Test
	void backsOffWhenUserDefinesOperations() {
		this.localServerRunner.withBean(AssistantsOperations.class, () -> mock(AssistantsOperations.class))
			.run((context) -> assertThat(context).hasSingleBean(AssistantsOperations.class)
				.doesNotHaveBean(AssistantsTemplate.class)
				.doesNotHaveBean(FileOperations.class)
				.doesNotHaveBean(VectorStoreOperations.class));
	}

	@Test
	void turnsOffWithoutWebClient() {
		this.localServerRunner.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AssistantsOperations.class));
	}

	@Test
	void turnsOffWhenDisabled() {
		this.localServerRunner.withPropertyValues("openai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AssistantsOperations.class)
				.doesNotHaveBean(OpenAiProperties.class));
	}

	@Test
	void stopsStartupWithoutAKeyForOpenAisOwnApi() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AssistantsAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingApiKeyException.class);
				FailureAnalysis analysis = new MissingApiKeyFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.isEqualTo("No API key is configured for https://api.openai.com/v1: the Assistants client needs one"
							+ " to call OpenAI's API.");
				assertThat(analysis.getAction()).contains("openai.api-key", "OPENAI_API_KEY", "openai.base-url",
						"OPENAI_BASE_URL", "retired", "openai.enabled=false");
			});
	}

	@Test
	void stopsStartupOnAKeyWithATrailingNewlineNamingThePropertyButNotTheKey() {
		// as an environment variable filled from a secret file keeps it
		this.localServerRunner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("secret", Map.of("openai.api-key", "sk-secret-1234\n"))))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(IllegalArgumentException.class)
					.hasMessageContaining("openai.api-key")
					.hasMessageContaining("control character (U+000A)")
					.hasMessageContaining("position 15 of 15")
					.hasMessageNotContaining("sk-secret");
			});
	}

	@Test
	void registersTheFailureAnalyzer() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, ex) -> {
			})))
			.hasAtLeastOneElementOfType(MissingApiKeyFailureAnalyzer.class);
	}

	@Test
	void startsWithoutAKeyForAnotherServer() {
		this.localServerRunner.run((context) -> {
			assertThat(context).hasSingleBean(AssistantsOperations.class);
			assertThat(call(context.getBean(AssistantsOperations.class)).containsHeader("Authorization")).isFalse();
		});
	}

	@Test
	void usesConnectionDetailsFromABean() {
		this.localServerRunner.withBean(OpenAiConnectionDetails.class, () -> new OpenAiConnectionDetails() {

			@Override
			public String getBaseUrl() {
				return server.baseUrl() + "/custom";
			}

			@Override
			public String getApiKey() {
				return "sk-details";
			}

		}).withPropertyValues("openai.api-key=sk-properties").run((context) -> {
			assertThat(context).doesNotHaveBean(PropertiesOpenAiConnectionDetails.class);
			LoggedRequest request = call(context.getBean(AssistantsOperations.class));
			assertThat(request.getUrl()).startsWith("/custom/threads");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sk-details");
		});
	}

	@Test
	void appliesWebClientCustomizersWithoutChangingTheSharedBuilder() {
		this.localServerRunner.withPropertyValues("openai.api-key=sk-1")
			.withUserConfiguration(SharedBuilderConfiguration.class)
			.run((context) -> {
				assertThat(call(context.getBean(AssistantsOperations.class)).getHeader("X-From-Customizer"))
					.isEqualTo("yes");
				server.resetRequests();
				context.getBean(WebClient.Builder.class)
					.build()
					.get()
					.uri(server.baseUrl() + "/plain")
					.retrieve()
					.toBodilessEntity()
					.block();
				LoggedRequest plain = server.findAll(anyRequestedFor(anyUrl())).get(0);
				assertThat(plain.containsHeader("Authorization")).isFalse();
				assertThat(plain.containsHeader("OpenAI-Beta")).isFalse();
			});
	}

	@Test
	void appliesTemplateBuilderCustomizers() {
		this.localServerRunner
			.withBean(AssistantsTemplateBuilderCustomizer.class,
					() -> (builder) -> builder.header("X-Customized", "true"))
			.run((context) -> assertThat(call(context.getBean(AssistantsOperations.class)).getHeader("X-Customized"))
				.isEqualTo("true"));
	}

	@Test
	void ignoresTheApplicationsJacksonSettings() {
		this.localServerRunner
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class))
			.withPropertyValues("spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE",
					"spring.jackson.default-property-inclusion=always",
					"spring.jackson.deserialization.fail-on-unknown-properties=true",
					"spring.jackson.serialization.indent-output=true")
			.run((context) -> {
				RunObject run = context.getBean(AssistantsOperations.class)
					.createRun("thread_1", CreateRunRequest.builder("asst_1").temperature(0.5).build())
					.block();
				assertThat(run.id()).isEqualTo("run_1");
				assertThat(run.threadId()).isEqualTo("thread_1");
				server.verify(postRequestedFor(urlEqualTo("/threads/thread_1/runs"))
					.withRequestBody(WireMock.equalTo("{\"assistant_id\":\"asst_1\",\"temperature\":0.5}"))
					.withRequestBody(equalToJson("{\"assistant_id\":\"asst_1\",\"temperature\":0.5}")));
			});
	}

	@Test
	void masksTheKeyInActuatorEndpointsEvenWhenTheyShowValues() {
		String key = "sk-actuator-secret-42";
		this.localServerRunner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class,
					EnvironmentEndpointAutoConfiguration.class))
			.withPropertyValues("openai.api-key=" + key, "openai.organization=org-visible",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
					"management.endpoints.web.exposure.include=configprops,env",
					"other.token-holder=prefix-" + key)
			.run((context) -> {
				JsonMapper json = JsonMapper.builder().build();
				String configprops = json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties());
				String env = json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(configprops).contains("org-visible").doesNotContain(key);
				assertThat(env).contains("org-visible").doesNotContain(key);
			});
	}

	@Test
	void answersToolCallsWithTheFunctionBeans() {
		this.localServerRunner
			.withBean("lookup", AssistantFunction.class,
					() -> AssistantFunction.of("lookup", "Looks up", String[].class, (keys) -> "found"))
			.withPropertyValues("openai.tools.max-rounds=3", "openai.tools.on-error=fail",
					"openai.tools.function-timeout=5s", "openai.tools.cancel-on-failure=false")
			.run((context) -> {
				assertThat(context.getBean(AssistantToolCalls.class).tools())
					.extracting((tool) -> ((AssistantToolsFunction) tool).function().name())
					.containsExactly("lookup");
				assertThat(context.getBean(OpenAiProperties.class).getTools().toOptions())
					.isEqualTo(new ToolCallOptions(3, ToolErrorHandling.FAIL, Duration.ofSeconds(5), false));
			});
	}

	@Test
	void answersToolCallsWithSpringAiToolBeansToo() {
		ToolCallback greet = FunctionToolCallback.builder("greet", (Greeting greeting) -> "Hello " + greeting.name())
			.description("Greets someone")
			.inputType(Greeting.class)
			.build();
		this.localServerRunner
			.withBean("lookup", AssistantFunction.class,
					() -> AssistantFunction.of("lookup", "Looks up", String[].class, (keys) -> "found"))
			.withBean("greet", ToolCallback.class, () -> greet)
			.withBean("orderTools", ToolCallbackProvider.class,
					() -> MethodToolCallbackProvider.builder().toolObjects(new OrderTools()).build())
			.run((context) -> assertThat(context.getBean(AssistantToolCalls.class).tools())
				.extracting((tool) -> ((AssistantToolsFunction) tool).function().name())
				.containsExactly("greet", "lookup", "order_status"));
		this.localServerRunner.withPropertyValues("openai.tools.spring-ai=false")
			.withBean("greet", ToolCallback.class, () -> greet)
			.run((context) -> assertThat(context.getBean(AssistantToolCalls.class).tools()).isEmpty());
		this.localServerRunner.withClassLoader(new FilteredClassLoader(ToolCallback.class))
			.run((context) -> assertThat(context).hasSingleBean(AssistantToolCalls.class)
				.doesNotHaveBean(AssistantToolCallsAutoConfiguration.SpringAiFunctions.class));
	}

	record Greeting(String name) {
	}

	static class OrderTools {

		@Tool(name = "order_status", description = "The status of an order")
		String orderStatus(String orderId) {
			return "shipped";
		}

	}

	@Test
	void noToolCallsWhenDisabled() {
		this.localServerRunner.withPropertyValues("openai.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AssistantToolCalls.class));
	}

	private static LoggedRequest call(AssistantsOperations operations) {
		server.resetRequests();
		operations.getRun("thread_1", "run_1").block();
		return server.findAll(anyRequestedFor(anyUrl())).get(0);
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedBuilderConfiguration {

		@Bean
		WebClientCustomizer headerCustomizer() {
			return (builder) -> builder.defaultHeader("X-From-Customizer", "yes");
		}

		@Bean
		WebClient.Builder sharedWebClientBuilder(org.springframework.beans.factory.ObjectProvider<WebClientCustomizer> customizers) {
			WebClient.Builder builder = WebClient.builder();
			customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
			return builder;
		}

	}

}
