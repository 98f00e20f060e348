package dev.assistants.api;

import org.springframework.util.Assert;

/**
 * When a file expires ({@code FileExpirationAfter}): a number of seconds after its creation.
 *
 * @param anchor what the seconds count from: always {@code created_at}
 * @param seconds the seconds, 3600 (an hour) to 2592000 (30 days)
 */
public record FileExpirationAfter(String anchor, Long seconds) {

	/** The one anchor the specification lists. */
	public static final String CREATED_AT = "created_at";

	/** The fewest seconds a file may be kept for. */
	public static final long MIN_SECONDS = 3600;

	/** The most seconds a file may be kept for. */
	public static final long MAX_SECONDS = 2592000;

	public FileExpirationAfter {
		Assert.notNull(anchor, "anchor must not be null");
		Assert.notNull(seconds, "seconds must not be null");
		if (!CREATED_AT.equals(anchor)) {
			throw new IllegalArgumentException("anchor must be 'created_at' but was '" + anchor + "'");
		}
		if (seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
			throw new IllegalArgumentException(
					"seconds must be between " + MIN_SECONDS + " and " + MAX_SECONDS + " but was " + seconds);
		}
	}

	/**
	 * Expire the given number of seconds after the file's creation.
	 * @param seconds the seconds, 3600 to 2592000
	 * @return the policy
	 */
	public static FileExpirationAfter afterCreation(long seconds) {
		return new FileExpirationAfter(CREATED_AT, seconds);
	}

}
