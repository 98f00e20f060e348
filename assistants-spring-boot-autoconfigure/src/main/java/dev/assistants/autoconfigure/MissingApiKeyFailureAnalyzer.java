package dev.assistants.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link MissingApiKeyException}: what to set to start.
 */
class MissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingApiKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingApiKeyException cause) {
		return new FailureAnalysis(cause.getMessage() + ": the Assistants client needs one to call OpenAI's API.",
				"Set openai.api-key (or the OPENAI_API_KEY environment variable). Note that OpenAI retired its "
						+ "hosted Assistants API on 2026-08-26: to use an OpenAI-compatible server instead, set "
						+ "openai.base-url (or OPENAI_BASE_URL). To turn the client off, set openai.enabled=false.",
				cause);
	}

}
