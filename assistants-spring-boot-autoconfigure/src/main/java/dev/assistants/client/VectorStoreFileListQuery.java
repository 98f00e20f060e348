package dev.assistants.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.assistants.api.VectorStoreFileStatus;

/**
 * Which page of a vector store's (or a file batch's) files is listed: a {@link ListQuery} and,
 * optionally, only the files of one status (the {@code filter} query parameter).
 *
 * @param page the page to list
 * @param filter only the files of this status: {@code in_progress}, {@code completed},
 * {@code failed} or {@code cancelled}
 */
public record VectorStoreFileListQuery(ListQuery page, @Nullable VectorStoreFileStatus filter) {

	/** The server's defaults, files of every status. */
	public static final VectorStoreFileListQuery DEFAULT = new VectorStoreFileListQuery(ListQuery.DEFAULT, null);

	public VectorStoreFileListQuery {
		Assert.notNull(page, "page must not be null");
	}

	/**
	 * A query for the first page of the files of one status.
	 * @param status the status
	 * @return the query
	 */
	public static VectorStoreFileListQuery withStatus(VectorStoreFileStatus status) {
		Assert.notNull(status, "status must not be null");
		return new VectorStoreFileListQuery(ListQuery.DEFAULT, status);
	}

	/**
	 * A copy of this query with the given page.
	 * @param page the page to list
	 * @return the new query
	 */
	public VectorStoreFileListQuery withPage(ListQuery page) {
		return new VectorStoreFileListQuery(page, this.filter);
	}

}
