package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Why a file could not be added to a vector store ({@code VectorStoreFileObject.last_error.code}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class VectorStoreFileErrorCode extends ApiEnum {

	/** The value {@code server_error}. */
	public static final VectorStoreFileErrorCode SERVER_ERROR = new VectorStoreFileErrorCode("server_error");

	/** The value {@code unsupported_file}. */
	public static final VectorStoreFileErrorCode UNSUPPORTED_FILE = new VectorStoreFileErrorCode("unsupported_file");

	/** The value {@code invalid_file}. */
	public static final VectorStoreFileErrorCode INVALID_FILE = new VectorStoreFileErrorCode("invalid_file");

	private static final Map<String, VectorStoreFileErrorCode> KNOWN = index(SERVER_ERROR, UNSUPPORTED_FILE, INVALID_FILE);

	private VectorStoreFileErrorCode(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static VectorStoreFileErrorCode of(String value) {
		VectorStoreFileErrorCode known = KNOWN.get(value);
		return (known != null) ? known : new VectorStoreFileErrorCode(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
