package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What a file is for ({@code OpenAIFile.purpose}, {@code CreateFileRequest.purpose}): Assistants apps upload
 * {@code assistants} files; files the assistants write are {@code assistants_output}.
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class FilePurpose extends ApiEnum {

	/** The value {@code assistants}. */
	public static final FilePurpose ASSISTANTS = new FilePurpose("assistants");

	/** The value {@code assistants_output}. */
	public static final FilePurpose ASSISTANTS_OUTPUT = new FilePurpose("assistants_output");

	/** The value {@code batch}. */
	public static final FilePurpose BATCH = new FilePurpose("batch");

	/** The value {@code batch_output}. */
	public static final FilePurpose BATCH_OUTPUT = new FilePurpose("batch_output");

	/** The value {@code fine-tune}. */
	public static final FilePurpose FINE_TUNE = new FilePurpose("fine-tune");

	/** The value {@code fine-tune-results}. */
	public static final FilePurpose FINE_TUNE_RESULTS = new FilePurpose("fine-tune-results");

	/** The value {@code vision}. */
	public static final FilePurpose VISION = new FilePurpose("vision");

	/** The value {@code user_data}. */
	public static final FilePurpose USER_DATA = new FilePurpose("user_data");

	/** The value {@code evals}. */
	public static final FilePurpose EVALS = new FilePurpose("evals");

	private static final Map<String, FilePurpose> KNOWN = index(ASSISTANTS, ASSISTANTS_OUTPUT, BATCH, BATCH_OUTPUT, FINE_TUNE, FINE_TUNE_RESULTS, VISION, USER_DATA, EVALS);

	private FilePurpose(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static FilePurpose of(String value) {
		FilePurpose known = KNOWN.get(value);
		return (known != null) ? known : new FilePurpose(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
