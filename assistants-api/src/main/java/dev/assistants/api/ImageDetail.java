package dev.assistants.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Detail level of an image in message content ({@code detail} of {@code image_file} and {@code image_url}).
 * Values a server sends that are not listed here are kept; see {@link ApiEnum}.
 */
public final class ImageDetail extends ApiEnum {

	/** The value {@code auto}. */
	public static final ImageDetail AUTO = new ImageDetail("auto");

	/** The value {@code low}. */
	public static final ImageDetail LOW = new ImageDetail("low");

	/** The value {@code high}. */
	public static final ImageDetail HIGH = new ImageDetail("high");

	private static final Map<String, ImageDetail> KNOWN = index(AUTO, LOW, HIGH);

	private ImageDetail(String value) {
		super(value);
	}

	/**
	 * Return the constant for a known value, or a new instance holding an unknown one.
	 * @param value the value as it appears on the wire
	 * @return the matching value
	 */
	@JsonCreator
	public static ImageDetail of(String value) {
		ImageDetail known = KNOWN.get(value);
		return (known != null) ? known : new ImageDetail(value);
	}

	@Override
	public boolean isKnown() {
		return KNOWN.containsKey(value());
	}

}
