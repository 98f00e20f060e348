package dev.assistants.engine;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Page;
import dev.assistants.engine.store.PageRequest;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

/**
 * The list operations' query ({@code limit}, {@code order}, {@code after}, {@code before}) and
 * answer ({@code object}, {@code data}, {@code first_id}, {@code last_id}, {@code has_more}).
 */
final class Lists {

	private static final int DEFAULT_LIMIT = 20;

	private Lists() {
	}

	/**
	 * The page a query asks for, its cursors checked to be objects of the same list.
	 */
	static ObjectNode page(StoreTransaction tx, ObjectKind kind, String project, Scope scope,
			Map<String, String> query) {
		PageRequest request = new PageRequest(limit(query.get("limit")), ascending(query.get("order")),
				cursor(tx, kind, project, scope, query.get("after"), "after"),
				cursor(tx, kind, project, scope, query.get("before"), "before"));
		return render(tx.page(kind, project, scope, request));
	}

	private static ObjectNode render(Page page) {
		List<ObjectNode> data = page.data();
		ObjectNode list = ApiObjects.NODES.objectNode().put("object", "list");
		ArrayNode array = list.putArray("data");
		data.forEach((object) -> array.add(ApiObjects.publicView(object)));
		list.put("first_id", data.isEmpty() ? null : ApiObjects.id(data.get(0)));
		list.put("last_id", data.isEmpty() ? null : ApiObjects.id(data.get(data.size() - 1)));
		list.put("has_more", page.hasMore());
		return list;
	}

	private static int limit(@Nullable String limit) {
		if (limit == null) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit.trim());
			if (value >= 1 && value <= 100) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw ApiException.invalid("Invalid 'limit': must be an integer between 1 and 100, but got '" + limit + "'.",
				"limit", "invalid_value");
	}

	private static boolean ascending(@Nullable String order) {
		if (order == null || order.equals("desc")) {
			return false;
		}
		if (order.equals("asc")) {
			return true;
		}
		throw ApiException.invalid("Invalid value for 'order': '" + order + "'. Supported values are: 'asc' and 'desc'.",
				"order", "invalid_value");
	}

	private static @Nullable String cursor(StoreTransaction tx, ObjectKind kind, String project, Scope scope,
			@Nullable String id, String param) {
		if (id == null || id.isEmpty()) {
			return null;
		}
		boolean inList = tx.find(kind, project, id)
			.filter((object) -> (scope.threadId() == null || scope.threadId().equals(threadOf(kind, object)))
					&& (scope.runId() == null || scope.runId().equals(object.path("run_id").asString(null))))
			.isPresent();
		if (!inList) {
			throw ApiException.invalid("Invalid '" + param + "': no object with id '" + id + "' in this list.", param,
					"invalid_value");
		}
		return id;
	}

	private static @Nullable String threadOf(ObjectKind kind, ObjectNode object) {
		return (kind == ObjectKind.THREAD) ? ApiObjects.id(object) : object.path("thread_id").asString(null);
	}

}
