package dev.assistants.engine;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.ModifyMessageRequest;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

import static dev.assistants.engine.ApiObjects.NODES;
import static dev.assistants.engine.ApiObjects.orDefault;

/**
 * The thread and message operations, and the messages of new threads and runs.
 */
final class ThreadOperations {

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RequestReader reader;

	private final VectorStoreOperations vectorStores;

	ThreadOperations(AssistantsStore store, ApiObjects objects, RequestReader reader,
			VectorStoreOperations vectorStores) {
		this.store = store;
		this.objects = objects;
		this.reader = reader;
		this.vectorStores = vectorStores;
	}

	// Threads

	ObjectNode create(String project, String body) {
		ObjectNode request = this.reader.read(body.isBlank() ? "{}" : body, CreateThreadRequest.class);
		ObjectNode thread = ApiObjects.publicView(this.store.inTransaction((tx) -> insertThread(tx, project, request)));
		this.vectorStores.ingestNow();
		return thread;
	}

	/** A new thread with the messages of the request, in one transaction with the caller's other writes. */
	ObjectNode insertThread(StoreTransaction tx, String project, ObjectNode request) {
		ObjectNode thread = this.objects.create("thread_", "thread");
		thread.set("tool_resources", this.vectorStores.toolResources(tx, project, request.get("tool_resources")));
		thread.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		tx.insert(ObjectKind.THREAD, project, thread);
		for (JsonNode message : request.path("messages")) {
			insertMessage(tx, project, thread, (ObjectNode) message);
		}
		return thread;
	}

	/**
	 * The project's threads, newest first unless {@code order=asc}, a page at a time
	 * ({@code limit}, {@code after}, {@code before}), those whose metadata has each
	 * {@code metadata[key]=value} of the query: what a console lists, which the API cannot.
	 */
	ObjectNode list(String project, Map<String, String> query) {
		Map<String, String> metadata = new HashMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith("metadata[") && name.endsWith("]")) {
				metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
			}
		});
		return this.store.read((tx) -> Lists.page(tx, ObjectKind.THREAD, project, Scope.all(), query,
				Lists.LIMITS, (thread) -> metadata.entrySet()
					.stream()
					.allMatch((wanted) -> wanted.getValue().equals(thread.path("metadata").path(wanted.getKey()).asString(null)))));
	}

	ObjectNode get(String project, String threadId) {
		return ApiObjects.publicView(this.store.read((tx) -> Lookups.thread(tx, project, threadId)));
	}

	ObjectNode modify(String project, String threadId, String body) {
		ObjectNode request = this.reader.read(body, ModifyThreadRequest.class);
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			ObjectNode thread = Lookups.lockedThread(tx, project, threadId);
			if (request.has("tool_resources")) {
				request.set("tool_resources", this.vectorStores.toolResources(tx, project, request.get("tool_resources")));
			}
			thread.setAll(request);
			thread.set("metadata", orDefault(thread.get("metadata"), NODES.objectNode()));
			tx.update(ObjectKind.THREAD, project, thread);
			return thread;
		}));
	}

	ObjectNode delete(String project, String threadId) {
		this.store.inTransaction((tx) -> {
			Lookups.lockedThread(tx, project, threadId);
			tx.delete(ObjectKind.THREAD, project, threadId);
			return threadId;
		});
		return ApiObjects.deleted(threadId, "thread.deleted");
	}

	// Messages

	ObjectNode createMessage(String project, String threadId, String body) {
		ObjectNode request = this.reader.read(body, CreateMessageRequest.class);
		ObjectNode message = ApiObjects.publicView(this.store.inTransaction((tx) -> {
			ObjectNode thread = Lookups.lockedThread(tx, project, threadId);
			tx.activeRun(project, threadId).ifPresent((active) -> {
				throw ApiException.invalid("Can't add messages to " + threadId + " while a run "
						+ ApiObjects.id(active) + " is active.", null);
			});
			return insertMessage(tx, project, thread, request);
		}));
		this.vectorStores.ingestNow();
		return message;
	}

	/**
	 * A message from a {@code CreateMessageRequest}, as a thread, a run or the caller adds it.
	 * @param thread the thread, as this transaction read it: its files for search may change
	 */
	ObjectNode insertMessage(StoreTransaction tx, String project, ObjectNode thread, ObjectNode request) {
		ObjectNode message = newMessage(ApiObjects.id(thread), request.path("role").asString(), "completed", null, null);
		JsonNode content = request.get("content");
		ArrayNode parts = message.putArray("content");
		if (content != null && content.isString()) {
			parts.add(ApiObjects.textPart(content.stringValue()));
		}
		else if (content != null) {
			for (JsonNode part : content) {
				parts.add("text".equals(part.path("type").asString()) ? ApiObjects.textPart(part.path("text").asString())
						: part.deepCopy());
			}
		}
		message.set("attachments", orDefault(request.get("attachments"), NODES.arrayNode()));
		message.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
		tx.insert(ObjectKind.MESSAGE, project, message);
		if (this.vectorStores.attachToThread(tx, project, thread, message.get("attachments"))) {
			tx.update(ObjectKind.THREAD, project, thread);
		}
		return message;
	}

	/** A message written by a run: {@code in_progress}, its content still empty. */
	ObjectNode newAssistantMessage(String threadId, String assistantId, String runId) {
		return newMessage(threadId, "assistant", "in_progress", assistantId, runId);
	}

	private ObjectNode newMessage(String threadId, String role, String status, @Nullable String assistantId,
			@Nullable String runId) {
		ObjectNode message = this.objects.create("msg_", "thread.message");
		message.put("thread_id", threadId);
		message.put("status", status);
		message.putNull("incomplete_details");
		message.put("completed_at", "completed".equals(status) ? this.objects.now() : null);
		message.putNull("incomplete_at");
		message.put("role", role);
		message.set("content", NODES.arrayNode());
		message.put("assistant_id", assistantId);
		message.put("run_id", runId);
		message.set("attachments", NODES.arrayNode());
		message.set("metadata", NODES.objectNode());
		return message;
	}

	ObjectNode getMessage(String project, String threadId, String messageId) {
		return ApiObjects
			.publicView(this.store.read((tx) -> Lookups.message(tx, project, threadId, messageId)));
	}

	ObjectNode listMessages(String project, String threadId, Map<String, String> query) {
		String runId = query.get("run_id");
		Scope scope = (runId != null && !runId.isEmpty()) ? Scope.run(threadId, runId) : Scope.thread(threadId);
		return this.store.read(
				(tx) -> Lookups.pageOfThread(tx, ObjectKind.MESSAGE, project, threadId, scope, query));
	}

	ObjectNode modifyMessage(String project, String threadId, String messageId, String body) {
		ObjectNode request = this.reader.read(body, ModifyMessageRequest.class);
		return ApiObjects.publicView(this.store.inTransaction((tx) -> {
			Lookups.message(tx, project, threadId, messageId);
			ObjectNode message = tx.lock(ObjectKind.MESSAGE, project, messageId).orElseThrow();
			message.set("metadata", orDefault(request.get("metadata"), NODES.objectNode()));
			tx.update(ObjectKind.MESSAGE, project, message);
			return message;
		}));
	}

	ObjectNode deleteMessage(String project, String threadId, String messageId) {
		this.store.inTransaction((tx) -> {
			Lookups.message(tx, project, threadId, messageId);
			tx.delete(ObjectKind.MESSAGE, project, messageId);
			return messageId;
		});
		return ApiObjects.deleted(messageId, "thread.message.deleted");
	}

}
