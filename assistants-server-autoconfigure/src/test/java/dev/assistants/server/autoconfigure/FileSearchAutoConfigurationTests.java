package dev.assistants.server.autoconfigure;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assistants.documents.tika.TikaTextExtractor;
import dev.assistants.embeddings.local.LocalEmbeddings;
import dev.assistants.engine.documents.Embeddings;
import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.model.springai.SpringAiEmbeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * What file search reads files and embeds chunks with, by {@code assistants.server.embedding}, and
 * what it leaves to the application's own beans.
 */
class FileSearchAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FileSearchAutoConfiguration.class));

	@Test
	void readsFilesWithTikaAndEmbedsLocallyByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TextExtractor.class)).isInstanceOf(TikaTextExtractor.class);
			assertThat(context.getBean(Embeddings.class)).isInstanceOf(LocalEmbeddings.class);
		});
	}

	@Test
	void searchesByKeywordsOnlyWithoutAnEmbeddingModel() {
		this.runner.withPropertyValues("assistants.server.embedding=none").run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TextExtractor.class).doesNotHaveBean(Embeddings.class);
		});
	}

	@Test
	void embedsWithTheApplicationsSpringAiEmbeddingModel() {
		this.runner.withPropertyValues("assistants.server.embedding=spring-ai",
				"assistants.server.embedding-model-name=nomic-embed-text")
			.withUserConfiguration(SpringAiEmbeddingModel.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Embeddings embeddings = context.getBean(Embeddings.class);
				assertThat(embeddings).isInstanceOf(SpringAiEmbeddings.class);
				assertThat(embeddings.model()).isEqualTo("nomic-embed-text");
				assertThat(embeddings.embed(List.of("a"))).containsExactly(new float[] { 1, 0 });
			});
	}

	@Test
	void saysWhatIsMissingForSpringAiEmbeddingsWithoutAModel() {
		this.runner.withPropertyValues("assistants.server.embedding=spring-ai").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("assistants.server.embedding=spring-ai needs one Spring AI embedding model");
		});
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		this.runner.withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(TextExtractor.class)).isSameAs(OwnBeans.EXTRACTOR);
			assertThat(context.getBean(Embeddings.class)).isSameAs(OwnBeans.EMBEDDINGS);
		});
	}

	@Test
	void offWithTheServer() {
		this.runner.withPropertyValues("assistants.server.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(TextExtractor.class).doesNotHaveBean(Embeddings.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class SpringAiEmbeddingModel {

		@Bean
		EmbeddingModel embeddingModel() {
			EmbeddingModel model = mock(EmbeddingModel.class);
			given(model.embed(List.of("a"))).willReturn(List.of(new float[] { 1, 0 }));
			return model;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final TextExtractor EXTRACTOR = (file, filename, contentType) -> "text";

		static final Embeddings EMBEDDINGS = new Embeddings() {

			@Override
			public String model() {
				return "own";
			}

			@Override
			public List<float[]> embed(List<String> texts) {
				return texts.stream().map((text) -> new float[] { 1 }).toList();
			}

		};

		@Bean
		TextExtractor textExtractor() {
			return EXTRACTOR;
		}

		@Bean
		Embeddings embeddings() {
			return EMBEDDINGS;
		}

	}

}
