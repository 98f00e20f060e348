package dev.assistants.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.assistants.api.FilePurpose;

/**
 * Which page of files {@code listFiles} returns: the {@code purpose}, {@code limit}, {@code order}
 * and {@code after} query parameters of {@code GET /files}. Unset values are not sent, so the
 * server's defaults apply (all purposes, up to 10,000 files, newest first).
 *
 * @param purpose only the files of this purpose
 * @param limit how many files to return, 1 to 10,000
 * @param order the sort order by creation time
 * @param after a cursor: list the files that follow the file with this ID
 */
public record FileListQuery(@Nullable FilePurpose purpose, @Nullable Integer limit, @Nullable ListOrder order,
		@Nullable String after) {

	/** The server's defaults. */
	public static final FileListQuery DEFAULT = new FileListQuery(null, null, null, null);

	public FileListQuery {
		Assert.isTrue(limit == null || (limit >= 1 && limit <= 10_000),
				() -> "limit must be between 1 and 10000 but was " + limit);
		Assert.isTrue(after == null || !after.isBlank(), "after must not be blank");
	}

	/**
	 * A query for the files of one purpose.
	 * @param purpose the purpose
	 * @return the query
	 */
	public static FileListQuery purpose(FilePurpose purpose) {
		Assert.notNull(purpose, "purpose must not be null");
		return new FileListQuery(purpose, null, null, null);
	}

	/**
	 * A copy of this query returning at most {@code limit} files.
	 * @param limit how many files to return, 1 to 10,000
	 * @return the new query
	 */
	public FileListQuery withLimit(int limit) {
		return new FileListQuery(this.purpose, limit, this.order, this.after);
	}

	/**
	 * A copy of this query with the given order.
	 * @param order the sort order by creation time
	 * @return the new query
	 */
	public FileListQuery withOrder(ListOrder order) {
		return new FileListQuery(this.purpose, this.limit, order, this.after);
	}

	/**
	 * A copy of this query listing the files after the given one.
	 * @param after the ID of the file to list after
	 * @return the new query
	 */
	public FileListQuery withAfter(String after) {
		return new FileListQuery(this.purpose, this.limit, this.order, after);
	}

}
