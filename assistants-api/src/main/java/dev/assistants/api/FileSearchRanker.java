package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Ranker of a file search ({@code FileSearchRanker}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class FileSearchRanker extends ApiEnum {

	/** The value {@code auto}. */
	public static final FileSearchRanker AUTO = new FileSearchRanker("auto");

	/** The value {@code default_2024_08_21}. */
	public static final FileSearchRanker DEFAULT_2024_08_21 = new FileSearchRanker("default_2024_08_21");

	private static final Map<String, FileSearchRanker> KNOWN = index(AUTO, DEFAULT_2024_08_21);

	private FileSearchRanker(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static FileSearchRanker of(String value) {
		FileSearchRanker known = KNOWN.get(value);
		return (known != null) ? known : new FileSearchRanker(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
