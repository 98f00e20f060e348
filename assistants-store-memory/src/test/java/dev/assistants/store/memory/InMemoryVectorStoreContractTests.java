package dev.assistants.store.memory;

import org.junit.jupiter.api.AfterAll;

import dev.assistants.engine.VectorStoreContractTests;
import dev.assistants.engine.store.AssistantsStore;

/**
 * The vector stores' contract on the in-memory store: keywords ranked by Lucene, vectors compared
 * one by one.
 */
class InMemoryVectorStoreContractTests extends VectorStoreContractTests {

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
