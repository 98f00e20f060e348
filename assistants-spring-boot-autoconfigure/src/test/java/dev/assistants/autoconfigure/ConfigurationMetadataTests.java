package dev.assistants.autoconfigure;

import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.PollOptions;
import dev.assistants.client.RetrySettings;
import dev.assistants.tools.ToolCallOptions;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the IDE shows for {@code openai.*}: every property has a description, and a default exactly
 * when it has one, the default it really has.
 */
class ConfigurationMetadataTests {

	/** The properties that are unset unless configured. */
	private static final Set<String> WITHOUT_DEFAULT = Set.of("openai.api-key", "openai.organization",
			"openai.project", "openai.headers", "openai.timeout", "openai.ssl.bundle");

	private final ConversionService conversion = ApplicationConversionService.getSharedInstance();

	@Test
	void everyPropertyHasADescriptionAndItsRealDefault() throws Exception {
		List<JsonNode> properties = properties();
		assertThat(properties).hasSizeGreaterThanOrEqualTo(27);
		for (JsonNode property : properties) {
			String name = property.path("name").asString();
			assertThat(property.path("description").asString()).as("description of %s", name).isNotBlank();
			Object actual = defaultOf(property);
			if (WITHOUT_DEFAULT.contains(name)) {
				assertThat(property.has("defaultValue")).as("%s has no default", name).isFalse();
				assertThat(actual).as("%s is unset by default", name)
					.satisfiesAnyOf((value) -> assertThat(value).isNull(),
							(value) -> assertThat(value).asInstanceOf(InstanceOfAssertFactories.MAP).isEmpty());
				continue;
			}
			assertThat(property.has("defaultValue")).as("the IDE shows the default of %s", name).isTrue();
			Object shown = this.conversion.convert(property.path("defaultValue").asString(), actual.getClass());
			assertThat(shown).as("the default shown for %s", name).isEqualTo(actual);
		}
	}

	@Test
	void theDefaultsAreTheClients() {
		OpenAiProperties properties = new OpenAiProperties();
		assertThat(properties.getBaseUrl()).isEqualTo(AssistantsTemplate.DEFAULT_BASE_URL);
		assertThat(properties.getRetry().toSettings()).isEqualTo(RetrySettings.DEFAULT);
		assertThat(properties.getPolling().toOptions()).isEqualTo(PollOptions.DEFAULT);
		assertThat(properties.getTools().toOptions()).isEqualTo(ToolCallOptions.DEFAULT);
	}

	private Object defaultOf(JsonNode property) throws Exception {
		Class<?> type = ClassUtils.forName(property.path("sourceType").asString(), getClass().getClassLoader());
		var constructor = type.getDeclaredConstructor();
		constructor.setAccessible(true);
		String name = property.path("name").asString();
		String last = name.substring(name.lastIndexOf('.') + 1);
		StringBuilder camel = new StringBuilder();
		for (String part : last.split("-")) {
			camel.append(camel.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
		}
		return new BeanWrapperImpl(constructor.newInstance()).getPropertyValue(camel.toString());
	}

	private static List<JsonNode> properties() throws Exception {
		List<JsonNode> properties = new ArrayList<>();
		JsonMapper json = JsonMapper.builder().build();
		for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
			.getResources("META-INF/spring-configuration-metadata.json"))) {
			try (InputStream in = url.openStream()) {
				for (JsonNode property : json.readTree(in).path("properties")) {
					if (property.path("name").asString().startsWith("openai.")
							&& property.path("sourceType").asString().startsWith("dev.assistants.autoconfigure.")) {
						properties.add(property);
					}
				}
			}
		}
		return properties;
	}

}
