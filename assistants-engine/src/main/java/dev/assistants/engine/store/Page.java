package dev.assistants.engine.store;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * A page of objects, in the list's order.
 *
 * @param data the objects
 * @param hasMore whether more objects lie beyond the page: after it, or for a
 * {@linkplain PageRequest#backwards() backwards} request, before it
 */
public record Page(List<ObjectNode> data, boolean hasMore) {

	public Page {
		data = List.copyOf(data);
	}

}
