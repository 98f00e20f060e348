package dev.assistants.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Base type of the specification's string enums. Unlike a Java {@code enum}, a value the
 * specification does not (yet) list is kept as it is, so a newer or slightly different server
 * never breaks parsing: {@link #isKnown()} tells the two apart and {@link #value()} gives the raw
 * string either way. Values compare equal when they are of the same type and have the same string.
 */
public abstract class ApiEnum {

	private final String value;

	protected ApiEnum(String value) {
		this.value = value;
	}

	/**
	 * The string as it appears on the wire.
	 * @return the raw value, never {@code null}
	 */
	@JsonValue
	public final String value() {
		return this.value;
	}

	/**
	 * Whether this value is one the specification lists (one of the type's constants).
	 * @return {@code false} for a value only a newer or non-standard server sends
	 */
	public abstract boolean isKnown();

	@Override
	public final boolean equals(Object other) {
		return this == other
				|| (other != null && other.getClass() == getClass() && this.value.equals(((ApiEnum) other).value));
	}

	@Override
	public final int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public final String toString() {
		return this.value;
	}

	@SafeVarargs
	static <E extends ApiEnum> Map<String, E> index(E... constants) {
		return Arrays.stream(constants).collect(Collectors.toUnmodifiableMap(ApiEnum::value, Function.identity()));
	}

}
