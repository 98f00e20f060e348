package dev.assistants.console;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.assistants.server.autoconfigure.AssistantsServerAutoConfiguration;
import dev.assistants.server.autoconfigure.AssistantsServerProperties;

/**
 * The web console, at {@code /}: a page and its ES modules, served from this jar, that call the
 * API (and the console's own API, {@code /console/api}) with the key one signs in with, so that
 * they show that key's project only. Served when {@code assistants.server.console.enabled} is
 * {@code true}, or, unset, in development mode (no API keys configured).
 */
@AutoConfiguration(after = AssistantsServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.PREFIX + ".enabled", matchIfMissing = true)
@Conditional(ConsoleAutoConfiguration.ConsoleEnabled.class)
public final class ConsoleAutoConfiguration {

	private static final String LOCATION = "dev/assistants/console/";

	/**
	 * The page runs its own module and styles only, and shows images of its own origin (the
	 * project's files, fetched with the key) or made in the page: whatever the API returns cannot
	 * bring a script in.
	 */
	private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:; "
			+ "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

	@Bean
	@ConditionalOnMissingBean(name = "assistantsConsole")
	RouterFunction<ServerResponse> assistantsConsole() {
		Resource page = new ClassPathResource(LOCATION + "index.html");
		return RouterFunctions.route()
			.GET("/", (request) -> ServerResponse.ok()
				.contentType(MediaType.TEXT_HTML)
				.cacheControl(CacheControl.noCache())
				.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
				.header("X-Content-Type-Options", "nosniff")
				.header("Referrer-Policy", "no-referrer")
				.bodyValue(page))
			.add(RouterFunctions.resources("/console/assets/**", new ClassPathResource(LOCATION + "assets/")))
			.build();
	}

	/**
	 * The console is asked for, or, unasked, the server runs in development mode.
	 */
	static final class ConsoleEnabled extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			AssistantsServerProperties properties = Binder.get(context.getEnvironment())
				.bind(AssistantsServerProperties.PREFIX, AssistantsServerProperties.class)
				.orElseGet(AssistantsServerProperties::new);
			Boolean enabled = properties.getConsole().getEnabled();
			if (enabled != null) {
				return new ConditionOutcome(enabled, "assistants.server.console.enabled is " + enabled);
			}
			return properties.getApiKeys().isEmpty() ? ConditionOutcome.match("the server runs in development mode")
					: ConditionOutcome.noMatch("API keys are configured and assistants.server.console.enabled is unset");
		}

	}

}
