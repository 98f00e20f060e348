package dev.assistants.store.memory;

import org.junit.jupiter.api.AfterAll;

import dev.assistants.engine.EngineContractTests;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The engine's contract on the in-memory store.
 */
class InMemoryStoreContractTests extends EngineContractTests {

	private static final InMemoryStore STORE = new InMemoryStore();

	@Override
	protected AssistantsStore store() {
		return STORE;
	}

	@AfterAll
	static void deleteTheFiles() {
		STORE.close();
	}

}
