package dev.assistants.sample;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;

/**
 * Asks the configured Assistants server one question at startup and prints the answer.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "sample.ask-on-startup", matchIfMissing = true)
	ApplicationRunner askOnStartup(TutorService tutor) {
		return (args) -> {
			String question = "What is 3 x 7?";
			System.out.println("You: " + question);
			System.out.println("Assistant: " + tutor.ask(question).block());
		};
	}

}
