package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Status of an upload ({@code Upload.status}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class UploadStatus extends ApiEnum {

	/** The value {@code pending}. */
	public static final UploadStatus PENDING = new UploadStatus("pending");

	/** The value {@code completed}. */
	public static final UploadStatus COMPLETED = new UploadStatus("completed");

	/** The value {@code cancelled}. */
	public static final UploadStatus CANCELLED = new UploadStatus("cancelled");

	/** The value {@code expired}. */
	public static final UploadStatus EXPIRED = new UploadStatus("expired");

	private static final Map<String, UploadStatus> KNOWN = index(PENDING, COMPLETED, CANCELLED, EXPIRED);

	private UploadStatus(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static UploadStatus of(String value) {
		UploadStatus known = KNOWN.get(value);
		return (known != null) ? known : new UploadStatus(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
