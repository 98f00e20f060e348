package dev.assistants.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

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

	/** The limits of the lists of the Assistants API: 20 objects unless asked, 100 at most. */
	static final Limits LIMITS = new Limits(20, 100);

	private Lists() {
	}

	/**
	 * The page a query asks for, its cursors checked to be objects of the same list.
	 */
	static ObjectNode page(StoreTransaction tx, ObjectKind kind, String project, Scope scope,
			Map<String, String> query) {
		return page(tx, kind, project, scope, query, LIMITS, (object) -> true);
	}

	/**
	 * The page a query asks for, within the given limits, of the objects that pass the filter (a
	 * page may then hold fewer than its limit, and {@code has_more} says whether more follow).
	 */
	static ObjectNode page(StoreTransaction tx, ObjectKind kind, String project, Scope scope,
			Map<String, String> query, Limits limits, Predicate<ObjectNode> filter) {
		return page(tx, kind, project, scope, query, limits, filter, ApiObjects::publicView);
	}

	/**
	 * The page a query asks for, of the objects that pass the filter, each shown as the view
	 * makes it.
	 */
	static ObjectNode page(StoreTransaction tx, ObjectKind kind, String project, Scope scope,
			Map<String, String> query, Limits limits, Predicate<ObjectNode> filter,
			Function<ObjectNode, ObjectNode> view) {
		PageRequest request = new PageRequest(limits.limit(query.get("limit")), ascending(query.get("order")),
				cursor(tx, kind, project, scope, query.get("after"), "after"),
				cursor(tx, kind, project, scope, query.get("before"), "before"));
		return render(tx.page(kind, project, scope, request), filter, view);
	}

	private static ObjectNode render(Page page, Predicate<ObjectNode> filter, Function<ObjectNode, ObjectNode> view) {
		List<ObjectNode> data = page.data().stream().filter(filter).toList();
		ObjectNode list = ApiObjects.NODES.objectNode().put("object", "list");
		ArrayNode array = list.putArray("data");
		data.forEach((object) -> array.add(view.apply(object)));
		list.put("first_id", data.isEmpty() ? null : ApiObjects.id(data.get(0)));
		list.put("last_id", data.isEmpty() ? null : ApiObjects.id(data.get(data.size() - 1)));
		list.put("has_more", page.hasMore());
		return list;
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
		// a file of a vector store is kept by its vector store's ID and its own
		String key = (kind == ObjectKind.VECTOR_STORE_FILE && scope.vectorStoreId() != null)
				? ObjectKind.vectorStoreFileKey(scope.vectorStoreId(), id) : id;
		boolean inList = tx.find(kind, project, key)
			.filter((object) -> (scope.threadId() == null || scope.threadId().equals(threadOf(kind, object)))
					&& (scope.runId() == null || scope.runId().equals(object.path("run_id").asString(null)))
					&& (scope.purpose() == null || scope.purpose().equals(object.path("purpose").asString(null)))
					&& (scope.batchId() == null || scope.batchId()
						.equals(object.path(VectorStoreOperations.BATCH_ID).asString(null))))
			.isPresent();
		if (!inList) {
			throw ApiException.invalid("Invalid '" + param + "': no object with id '" + id + "' in this list.", param,
					"invalid_value");
		}
		return key;
	}

	private static @Nullable String threadOf(ObjectKind kind, ObjectNode object) {
		return (kind == ObjectKind.THREAD) ? ApiObjects.id(object) : object.path("thread_id").asString(null);
	}

	/**
	 * How many objects a page holds unless the query says, and at most.
	 *
	 * @param defaultLimit the objects of a page without {@code limit}
	 * @param max the most {@code limit} may ask for
	 */
	record Limits(int defaultLimit, int max) {

		int limit(@Nullable String limit) {
			if (limit == null) {
				return this.defaultLimit;
			}
			try {
				int value = Integer.parseInt(limit.trim());
				if (value >= 1 && value <= this.max) {
					return value;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw ApiException.invalid("Invalid 'limit': must be an integer between 1 and " + this.max + ", but got '"
					+ limit + "'.", "limit", "invalid_value");
		}

	}

}
