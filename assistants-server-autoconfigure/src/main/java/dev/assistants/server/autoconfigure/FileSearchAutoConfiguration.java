package dev.assistants.server.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;

/**
 * What file search reads files and compares meanings with: Apache Tika's text extractor when
 * {@code assistants-documents-tika} is on the class path, and the embedding model
 * {@code assistants.server.embedding} names (by default the local one, when
 * {@code assistants-embeddings-local} is on the class path). Each backs off for the application's
 * own {@link TextExtractor} or {@link Embeddings} bean.
 */
@AutoConfiguration(before = AssistantsServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@EnableConfigurationProperties(AssistantsServerProperties.class)
@Import({ FileSearchConfigurations.Tika.class, FileSearchConfigurations.SpringAi.class,
		FileSearchConfigurations.Local.class })
public final class FileSearchAutoConfiguration {

	private FileSearchAutoConfiguration() {
	}

}
