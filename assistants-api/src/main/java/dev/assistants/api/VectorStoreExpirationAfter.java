package dev.assistants.api;

import org.springframework.util.Assert;

/**
 * When a vector store expires ({@code VectorStoreExpirationAfter}): a number of days after it was
 * last active.
 *
 * @param anchor the timestamp the days count from: always {@code last_active_at}
 * @param days the days, 1 to 365
 */
public record VectorStoreExpirationAfter(String anchor, Integer days) {

	/** The one anchor the specification lists. */
	public static final String LAST_ACTIVE_AT = "last_active_at";

	public VectorStoreExpirationAfter {
		Assert.notNull(anchor, "expires_after.anchor must not be null");
		Assert.notNull(days, "expires_after.days must not be null");
		Assert.isTrue(LAST_ACTIVE_AT.equals(anchor),
				() -> "expires_after.anchor must be 'last_active_at' but was '" + anchor + "'");
		RequestChecks.range("expires_after.days", days, 1, 365);
	}

	/**
	 * Expire the given number of days after the vector store was last active.
	 * @param days the days, 1 to 365
	 * @return the policy
	 */
	public static VectorStoreExpirationAfter afterLastActive(int days) {
		return new VectorStoreExpirationAfter(LAST_ACTIVE_AT, days);
	}

}
