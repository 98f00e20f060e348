package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of a file in a vector store, or of a file batch ({@code VectorStoreFileObject.status},
 * {@code VectorStoreFileBatchObject.status}): {@code completed} once it is searchable.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class VectorStoreFileStatus extends ApiEnum {

	/** The value {@code in_progress}. */
	public static final VectorStoreFileStatus IN_PROGRESS = new VectorStoreFileStatus("in_progress");

	/** The value {@code completed}. */
	public static final VectorStoreFileStatus COMPLETED = new VectorStoreFileStatus("completed");

	/** The value {@code cancelled}. */
	public static final VectorStoreFileStatus CANCELLED = new VectorStoreFileStatus("cancelled");

	/** The value {@code failed}. */
	public static final VectorStoreFileStatus FAILED = new VectorStoreFileStatus("failed");

	private static final Map<String, VectorStoreFileStatus> KNOWN = index(IN_PROGRESS, COMPLETED, CANCELLED, FAILED);

	private VectorStoreFileStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static VectorStoreFileStatus of(String value) {
		VectorStoreFileStatus known = KNOWN.get(value);
		return (known != null) ? known : new VectorStoreFileStatus(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
