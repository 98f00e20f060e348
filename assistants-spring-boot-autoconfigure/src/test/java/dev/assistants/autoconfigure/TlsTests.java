package dev.assistants.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import dev.assistants.client.AssistantsConnectionException;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client against a server with a self-signed certificate that asks for the client's own
 * (mutual TLS), trusted and authenticated through a Spring Boot SSL bundle, with the application's
 * customizations of Boot's connector kept.
 */
class TlsTests {

	private static final String ASSISTANT = """
			{"id":"asst_1","object":"assistant","created_at":1,"name":null,"description":null,"model":"gpt-4o",
			 "instructions":null,"tools":[],"metadata":{}}""";

	private static final String TLS = "classpath:tls/";

	private static final WireMockServer server = new WireMockServer(options().dynamicHttpsPort()
		.httpDisabled(true)
		.bindAddress("127.0.0.1")
		.keystorePath(resource("server.p12"))
		.keystoreType("PKCS12")
		.keystorePassword("secret")
		.keyManagerPassword("secret")
		.needClientAuth(true)
		.trustStorePath(resource("server-truststore.p12"))
		.trustStoreType("PKCS12")
		.trustStorePassword("secret"));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, AssistantsAutoConfiguration.class))
		.withPropertyValues("openai.base-url=https://127.0.0.1:" + server.httpsPort() + "/v1", "openai.api-key=sk-1",
				"openai.retry.max-retries=0", "spring.ssl.bundle.jks.assistants.keystore.location=" + TLS + "client.p12",
				"spring.ssl.bundle.jks.assistants.keystore.password=secret",
				"spring.ssl.bundle.jks.assistants.keystore.type=PKCS12",
				"spring.ssl.bundle.jks.assistants.truststore.location=" + TLS + "client-truststore.p12",
				"spring.ssl.bundle.jks.assistants.truststore.password=secret",
				"spring.ssl.bundle.jks.assistants.truststore.type=PKCS12");

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
		server.stubFor(WireMock.any(anyUrl()).willReturn(okJson(ASSISTANT)));
	}

	@Test
	void trustsThePrivateServerAndPresentsItsCertificateWithTheBundle() {
		this.runner.withPropertyValues("openai.ssl.bundle=assistants").run((context) -> {
			AssistantsOperations client = context.getBean(AssistantsOperations.class);
			assertThat(client.getAssistant("asst_1").block(Duration.ofSeconds(10)).id()).isEqualTo("asst_1");
		});
		server.verify(getRequestedFor(urlEqualTo("/v1/assistants/asst_1")));
	}

	@Test
	void refusesTheServerWithoutTheBundle() {
		this.runner.run((context) -> assertThatExceptionOfType(AssistantsConnectionException.class)
			.isThrownBy(() -> context.getBean(AssistantsOperations.class).getAssistant("asst_1").block(Duration.ofSeconds(10)))
			.withStackTraceContaining("PKIX path building failed"));
		assertThat(server.getAllServeEvents()).isEmpty();
	}

	@Test
	void refusesToStartWithABundleThatDoesNotExist() {
		this.runner.withPropertyValues("openai.ssl.bundle=missing")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("missing"));
	}

	@Test
	void keepsTheApplicationsCustomizationsOfBootsConnector() {
		this.runner.withPropertyValues("openai.ssl.bundle=assistants")
			.withBean(ClientHttpConnectorBuilderCustomizer.class,
					() -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
						.withHttpClientCustomizer((httpClient) -> httpClient
							.headers((headers) -> headers.set("X-Connector-Customizer", "applied"))))
			.run((context) -> {
				assertThat(context.getBean(AssistantsOperations.class).getAssistant("asst_1").block(Duration.ofSeconds(10))
					.id()).isEqualTo("asst_1");
			});
		server.verify(getRequestedFor(urlEqualTo("/v1/assistants/asst_1")).withHeader("X-Connector-Customizer",
				WireMock.equalTo("applied")));
	}

	@Test
	void theTemplateAloneTakesABundleToo() {
		try (AssistantsTemplate client = AssistantsTemplate.builder()
			.baseUrl("https://127.0.0.1:" + server.httpsPort() + "/v1")
			.apiKey("sk-1")
			.sslBundle(SslBundle.of(new JksSslStoreBundle(store("client.p12"), store("client-truststore.p12"))))
			.build()) {
			assertThat(client.getAssistant("asst_1").block(Duration.ofSeconds(10)).id()).isEqualTo("asst_1");
		}
	}

	private static JksSslStoreDetails store(String name) {
		return new JksSslStoreDetails("PKCS12", null, TLS + name, "secret");
	}

	private static String resource(String name) {
		return TlsTests.class.getResource("/tls/" + name).getPath();
	}

}
