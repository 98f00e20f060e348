package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of a vector store ({@code VectorStoreObject.status}): {@code completed} once no file is in progress.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class VectorStoreStatus extends ApiEnum {

	/** The value {@code expired}. */
	public static final VectorStoreStatus EXPIRED = new VectorStoreStatus("expired");

	/** The value {@code in_progress}. */
	public static final VectorStoreStatus IN_PROGRESS = new VectorStoreStatus("in_progress");

	/** The value {@code completed}. */
	public static final VectorStoreStatus COMPLETED = new VectorStoreStatus("completed");

	private static final Map<String, VectorStoreStatus> KNOWN = index(EXPIRED, IN_PROGRESS, COMPLETED);

	private VectorStoreStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static VectorStoreStatus of(String value) {
		VectorStoreStatus known = KNOWN.get(value);
		return (known != null) ? known : new VectorStoreStatus(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
