package dev.assistants.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * A self-hostable Assistants API v2 server: {@code java -jar assistants-server.jar} serves the API
 * at {@code /v1}, in memory until a database is configured ({@code spring.datasource.url}, or a
 * service connection). All of it is auto-configured (see
 * {@link dev.assistants.server.autoconfigure.AssistantsServerAutoConfiguration}); nothing is
 * scanned. Spring Boot's data source auto-configuration is excluded, as it fails an application
 * without a database: the server's own brings it back when there is one to connect to (see
 * {@link dev.assistants.server.autoconfigure.ServerDataSourceAutoConfiguration}).
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
public class AssistantsServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssistantsServerApplication.class, args);
	}

}
