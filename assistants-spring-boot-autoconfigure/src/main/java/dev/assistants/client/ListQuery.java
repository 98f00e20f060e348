package dev.assistants.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which page a list operation returns: the {@code limit}, {@code order}, {@code after} and
 * {@code before} query parameters. Unset values are not sent, so the server's defaults apply (20
 * objects, newest first).
 * <pre class="code">
 * ListQuery.limit(10).withOrder(ListOrder.ASC).withAfter(page.lastId())
 * </pre>
 *
 * @param limit how many objects to return, 1 to 100
 * @param order the sort order by creation time
 * @param after a cursor: list the objects that follow the object with this ID
 * @param before a cursor: list the objects that precede the object with this ID
 */
public record ListQuery(@Nullable Integer limit, @Nullable ListOrder order, @Nullable String after,
		@Nullable String before) {

	/** The server's defaults. */
	public static final ListQuery DEFAULT = new ListQuery(null, null, null, null);

	public ListQuery {
		Assert.isTrue(limit == null || (limit >= 1 && limit <= 100),
				() -> "limit must be between 1 and 100 but was " + limit);
		Assert.isTrue(after == null || !after.isBlank(), "after must not be blank");
		Assert.isTrue(before == null || !before.isBlank(), "before must not be blank");
	}

	/**
	 * A query for at most {@code limit} objects.
	 * @param limit how many objects to return, 1 to 100
	 * @return the query
	 */
	public static ListQuery limit(int limit) {
		return DEFAULT.withLimit(limit);
	}

	/**
	 * A copy of this query with the given limit.
	 * @param limit how many objects to return, 1 to 100
	 * @return the new query
	 */
	public ListQuery withLimit(int limit) {
		return new ListQuery(limit, this.order, this.after, this.before);
	}

	/**
	 * A copy of this query with the given order.
	 * @param order the sort order by creation time
	 * @return the new query
	 */
	public ListQuery withOrder(ListOrder order) {
		return new ListQuery(this.limit, order, this.after, this.before);
	}

	/**
	 * A copy of this query that lists the objects after the given one.
	 * @param after the ID of an object, usually the {@code last_id} of the previous page
	 * @return the new query
	 */
	public ListQuery withAfter(String after) {
		return new ListQuery(this.limit, this.order, after, this.before);
	}

	/**
	 * A copy of this query that lists the objects before the given one.
	 * @param before the ID of an object, usually the {@code first_id} of the next page
	 * @return the new query
	 */
	public ListQuery withBefore(String before) {
		return new ListQuery(this.limit, this.order, this.after, before);
	}

}
