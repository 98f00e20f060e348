package dev.assistants.emulator;

import org.jspecify.annotations.Nullable;

import dev.assistants.autoconfigure.OpenAiConnectionDetails;

/**
 * Points the client at an {@link AssistantsEmulator}; the emulator needs no key.
 */
final class EmulatorConnectionDetails implements OpenAiConnectionDetails {

	private final AssistantsEmulator emulator;

	EmulatorConnectionDetails(AssistantsEmulator emulator) {
		this.emulator = emulator;
	}

	@Override
	public String getBaseUrl() {
		return this.emulator.baseUrl();
	}

	@Override
	public @Nullable String getApiKey() {
		return null;
	}

}
