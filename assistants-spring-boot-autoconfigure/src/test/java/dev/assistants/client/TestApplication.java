package dev.assistants.client;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the HTTP-level tests start: just the auto-configuration.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApplication {

}
