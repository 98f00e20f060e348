package dev.assistants.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A self-hostable Assistants API v2 server: {@code java -jar assistants-server.jar} serves the API
 * at {@code /v1}, in memory until {@code spring.datasource.url} names a PostgreSQL database. All of
 * it is auto-configured (see
 * {@link dev.assistants.server.autoconfigure.AssistantsServerAutoConfiguration}); nothing is scanned.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AssistantsServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssistantsServerApplication.class, args);
	}

}
