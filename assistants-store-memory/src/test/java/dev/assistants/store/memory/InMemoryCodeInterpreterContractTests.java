package dev.assistants.store.memory;

import org.junit.jupiter.api.AfterAll;

import dev.assistants.engine.CodeInterpreterContractTests;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The code_interpreter contract on the in-memory store.
 */
class InMemoryCodeInterpreterContractTests extends CodeInterpreterContractTests {

	private static final InMemoryStore STORE = new InMemoryStore();

	@Override
	protected AssistantsStore store() {
		return STORE;
	}

	@AfterAll
	static void close() {
		STORE.close();
	}

}
