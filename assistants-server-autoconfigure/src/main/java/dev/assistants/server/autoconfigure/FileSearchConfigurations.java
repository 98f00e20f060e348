package dev.assistants.server.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assistants.documents.tika.TikaTextExtractor;
import dev.assistants.embeddings.local.LocalEmbeddings;
import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.model.springai.SpringAiEmbeddings;

/**
 * The text extractor and the embedding models {@link FileSearchAutoConfiguration} tries.
 */
final class FileSearchConfigurations {

	private static final Log logger = LogFactory.getLog(FileSearchConfigurations.class);

	private static final String EMBEDDING = AssistantsServerProperties.PREFIX + ".embedding";

	private FileSearchConfigurations() {
	}

	/**
	 * Files read with Apache Tika, within the configured limits.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TikaTextExtractor.class)
	@ConditionalOnMissingBean(TextExtractor.class)
	static class Tika {

		@Bean(destroyMethod = "close")
		TikaTextExtractor assistantsTextExtractor(AssistantsServerProperties properties) {
			return new TikaTextExtractor(properties.getMaxFileCharacters(), properties.getFileReadTimeout());
		}

	}

	/**
	 * Chunks embedded by the application's Spring AI embedding model.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ EmbeddingModel.class, SpringAiEmbeddings.class })
	@ConditionalOnProperty(name = EMBEDDING, havingValue = "spring-ai")
	@ConditionalOnMissingBean(Embeddings.class)
	static class SpringAi {

		@Bean
		SpringAiEmbeddings assistantsEmbeddings(ObjectProvider<EmbeddingModel> embeddingModel,
				AssistantsServerProperties properties) {
			EmbeddingModel model = embeddingModel.getIfUnique(() -> {
				throw new IllegalStateException("assistants.server.embedding=spring-ai needs one Spring AI embedding "
						+ "model: set spring.ai.openai.base-url and spring.ai.openai.api-key, or spring.ai.model.embedding "
						+ "to another provider whose starter is on the class path (such as ollama)");
			});
			String name = (properties.getEmbeddingModelName() != null) ? properties.getEmbeddingModelName()
					: model.getClass().getSimpleName();
			logger.info("Embedding file search chunks with the Spring AI embedding model " + name);
			return new SpringAiEmbeddings(model, name);
		}

	}

	/**
	 * Chunks embedded by all-MiniLM-L6-v2 in this process, unless another embedding is asked for.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(LocalEmbeddings.class)
	@ConditionalOnProperty(name = EMBEDDING, havingValue = "local", matchIfMissing = true)
	@ConditionalOnMissingBean(Embeddings.class)
	static class Local {

		@Bean
		LocalEmbeddings assistantsEmbeddings() {
			logger.info("Embedding file search chunks with " + LocalEmbeddings.MODEL + ", in this process");
			return new LocalEmbeddings();
		}

	}

}
