package dev.assistants.client;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which page of a thread's messages {@code listMessages} returns: a {@link ListQuery} and,
 * optionally, the run whose messages to list (the {@code run_id} query parameter).
 *
 * @param page the page to list
 * @param runId the ID of a run: only its messages are listed
 */
public record MessageListQuery(ListQuery page, @Nullable String runId) {

	/** The server's defaults, messages of all runs. */
	public static final MessageListQuery DEFAULT = new MessageListQuery(ListQuery.DEFAULT, null);

	public MessageListQuery {
		Assert.notNull(page, "page must not be null");
		Assert.isTrue(runId == null || !runId.isBlank(), "run_id must not be blank");
	}

	/**
	 * A query for the given page of messages of all runs.
	 * @param page the page to list
	 * @return the query
	 */
	public static MessageListQuery of(ListQuery page) {
		return new MessageListQuery(page, null);
	}

	/**
	 * A query for the first page of the messages created by a run.
	 * @param runId the ID of the run
	 * @return the query
	 */
	public static MessageListQuery forRun(String runId) {
		return new MessageListQuery(ListQuery.DEFAULT, runId);
	}

	/**
	 * A copy of this query with the given page.
	 * @param page the page to list
	 * @return the new query
	 */
	public MessageListQuery withPage(ListQuery page) {
		return new MessageListQuery(page, this.runId);
	}

}
