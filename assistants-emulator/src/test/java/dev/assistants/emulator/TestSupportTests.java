package dev.assistants.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.RunObject;
import dev.assistants.autoconfigure.AssistantsAutoConfiguration;
import dev.assistants.client.AssistantsOperations;
import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.RunSnapshot;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ways to use the emulator in tests and applications: the JUnit extension, the Spring Boot test
 * annotation, and the auto-configuration.
 */
class TestSupportTests {

	private static final Duration BOUND = Duration.ofSeconds(10);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(AssistantsEmulatorAutoConfiguration.class, AssistantsAutoConfiguration.class));

	@Test
	void autoConfigurationRunsTheEmulatorWhenNoBaseUrlIsSet() {
		this.contextRunner.withPropertyValues("openai.emulator.enabled=auto").run((context) -> {
			AssistantsEmulator emulator = context.getBean(AssistantsEmulator.class);
			context.getBean(AssistantsOperations.class)
				.createAssistant(CreateAssistantRequest.builder("gpt-4o").build())
				.block(BOUND);
			assertThat(emulator.requests()).singleElement()
				.satisfies((request) -> assertThat(request.uri()).isEqualTo("/v1/assistants"));
		});
	}

	@Test
	void autoConfigurationStepsAsideForARealServer() {
		this.contextRunner.withPropertyValues("openai.emulator.enabled=auto", "openai.base-url=http://localhost:1/v1")
			.run((context) -> assertThat(context).doesNotHaveBean(AssistantsEmulator.class)
				.hasSingleBean(AssistantsOperations.class));
		this.contextRunner.withPropertyValues("openai.base-url=http://localhost:1/v1")
			.run((context) -> assertThat(context).doesNotHaveBean(AssistantsEmulator.class));
	}

	@Test
	void autoConfigurationRunsTheEmulatorWhenEnabled() {
		this.contextRunner.withPropertyValues("openai.emulator.enabled=true", "openai.base-url=http://localhost:1/v1")
			.run((context) -> assertThat(context).hasSingleBean(AssistantsEmulator.class));
	}

	@Nested
	@ExtendWith(AssistantsEmulatorExtension.class)
	class WithTheJUnitExtension {

		@Test
		void passesARunningEmulator(AssistantsEmulator emulator) {
			emulator.script(ModelTurn.reply("Scripted hello"));
			AssistantsOperations client = AssistantsTemplate.builder().baseUrl(emulator.baseUrl()).build();
			String assistantId = client.createAssistant(CreateAssistantRequest.builder("gpt-4o").build())
				.block(BOUND)
				.id();
			RunObject run = client.createThreadAndRunAndPoll(CreateThreadAndRunRequest.builder(assistantId)
				.thread(CreateThreadRequest.builder().messages(CreateMessageRequest.user("Hi")).build())
				.build()).block(BOUND);
			assertThat(RunSnapshot.text(client.listMessages(run.threadId()).block(BOUND).data().get(0)))
				.isEqualTo("Scripted hello");
		}

		@Test
		void resetsTheEmulatorBeforeEachTest(AssistantsEmulator emulator) {
			assertThat(emulator.requests()).isEmpty();
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
	@EmbeddedAssistantsEmulator
	class WithTheSpringBootTestAnnotation {

		@Autowired
		private AssistantsEmulator emulator;

		@Autowired
		private AssistantsOperations assistants;

		@Test
		void pointsTheClientAtTheEmulator() {
			this.assistants.createAssistant(CreateAssistantRequest.builder("gpt-4o").name("From Spring").build())
				.block(BOUND);
			assertThat(this.emulator.requests()).last()
				.satisfies((request) -> assertThat(request.body()).contains("From Spring"));
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
