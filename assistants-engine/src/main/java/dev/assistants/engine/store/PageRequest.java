package dev.assistants.engine.store;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list, as the API's {@code limit}, {@code order}, {@code after} and {@code before}
 * select it. Objects are listed in the order they were created (oldest first when ascending);
 * {@code after} and {@code before} are IDs of objects in the same scope that the engine has checked
 * exist.
 *
 * @param limit how many objects the page holds at most, 1 to {@value #MAX_LIMIT} (the API's
 * lists allow 100, its list of files 10,000)
 * @param ascending whether the list runs from the oldest object to the newest
 * @param after only objects that come after this one (by its {@linkplain ObjectKind#key key}) in the list's order, or {@code null}
 * @param before only objects that come before this one in the list's order, or {@code null}; without
 * {@code after}, the page is the one just before it: the {@code limit} objects closest to it
 */
public record PageRequest(int limit, boolean ascending, @Nullable String after, @Nullable String before) {

	/** The most objects a page holds. */
	public static final int MAX_LIMIT = 10_000;

	public PageRequest {
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + " but was " + limit);
		}
	}

	/**
	 * Whether this request asks for the page just before a cursor, which is filled from the
	 * cursor backwards.
	 * @return {@code true} for {@code before} without {@code after}
	 */
	public boolean backwards() {
		return this.before != null && this.after == null;
	}

}
