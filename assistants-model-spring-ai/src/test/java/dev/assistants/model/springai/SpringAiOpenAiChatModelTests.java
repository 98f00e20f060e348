package dev.assistants.model.springai;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * The engine's runs through Spring AI's own {@link OpenAiChatModel} (openai-java on OkHttp).
 */
class SpringAiOpenAiChatModelTests extends SpringAiModelContractTests {

	@Override
	ChatModel chatModel(OpenAiChatOptions options) {
		return OpenAiChatModel.builder().options(options).build();
	}

}
