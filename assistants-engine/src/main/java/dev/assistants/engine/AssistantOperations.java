package dev.assistants.engine;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.ModifyAssistantRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;

import static dev.assistants.engine.ApiObjects.NODES;
import static dev.assistants.engine.ApiObjects.orDefault;

/**
 * The five assistant operations.
 */
final class AssistantOperations {

	/** Where an assistant keeps its {@code reasoning_effort}, which the API does not show. */
	static final String REASONING_EFFORT = "_reasoning_effort";

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RequestReader reader;

	private final VectorStoreOperations vectorStores;

	AssistantOperations(AssistantsStore store, ApiObjects objects, RequestReader reader,
			VectorStoreOperations vectorStores) {
		this.store = store;
		this.objects = objects;
		this.reader = reader;
		this.vectorStores = vectorStores;
	}

	ObjectNode create(String project, String body) {
		ObjectNode request = this.reader.read(body, CreateAssistantRequest.class);
		ObjectNode assistant = this.objects.create("asst_", "assistant");
		assistant.set("name", orDefault(request.get("name"), NODES.nullNode()));
		assistant.set("description", orDefault(request.get("description"), NODES.nullNode()));
		assistant.set("model", request.get("model"));
		assistant.set("instructions", orDefault(request.get("instructions"), NODES.nullNode()));
		assistant.set("tools", orDefault(request.get("tools"), NODES.arrayNode()));
		JsonNode toolResources = request.get("tool_resources");
		assistant.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		assistant.set("temperature", orDefault(request.get("temperature"), NODES.numberNode(1.0)));
		assistant.set("top_p", orDefault(request.get("top_p"), NODES.numberNode(1.0)));
		assistant.set("response_format", orDefault(request.get("response_format"), NODES.stringNode("auto")));
		assistant.set(REASONING_EFFORT, orDefault(request.get("reasoning_effort"), NODES.nullNode()));
		this.store.inTransaction((tx) -> {
			assistant.set("tool_resources", this.vectorStores.toolResources(tx, project, toolResources));
			tx.insert(ObjectKind.ASSISTANT, project, assistant);
			return assistant;
		});
		this.vectorStores.ingestNow();
		return ApiObjects.publicView(assistant);
	}

	ObjectNode get(String project, String assistantId) {
		return ApiObjects.publicView(this.store.read((tx) -> Lookups.assistant(tx, project, assistantId)));
	}

	ObjectNode list(String project, Map<String, String> query) {
		return this.store.read((tx) -> Lists.page(tx, ObjectKind.ASSISTANT, project, Scope.all(), query));
	}

	ObjectNode modify(String project, String assistantId, String body) {
		ObjectNode request = this.reader.read(body, ModifyAssistantRequest.class);
		if (request.has("reasoning_effort")) {
			request.set(REASONING_EFFORT, request.remove("reasoning_effort"));
		}
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			ObjectNode assistant = tx.lock(ObjectKind.ASSISTANT, project, assistantId)
				.orElseThrow(() -> ApiException.notFound(ObjectKind.ASSISTANT, assistantId));
			if (request.has("tool_resources")) {
				request.set("tool_resources", this.vectorStores.toolResources(tx, project, request.get("tool_resources")));
			}
			assistant.setAll(request);
			assistant.set("tools", orDefault(assistant.get("tools"), NODES.arrayNode()));
			assistant.set("metadata", orDefault(assistant.get("metadata"), NODES.objectNode()));
			tx.update(ObjectKind.ASSISTANT, project, assistant);
			return assistant;
		}));
	}

	ObjectNode delete(String project, String assistantId) {
		this.store.inTransaction((tx) -> {
			Lookups.assistant(tx, project, assistantId);
			tx.delete(ObjectKind.ASSISTANT, project, assistantId);
			return assistantId;
		});
		return ApiObjects.deleted(assistantId, "assistant.deleted");
	}

}
