package dev.assistants.client;

import org.jspecify.annotations.Nullable;

/**
 * Checks values the client sends in headers: the API key, the organization, the project and extra
 * headers.
 */
final class HeaderValues {

	private HeaderValues() {
	}

	/**
	 * Reject a value that cannot travel in an HTTP header, such as a key read from a file with its
	 * trailing newline, which would otherwise fail every call as a connection error. The message
	 * names the setting and the position, never the value, which may be a secret.
	 * @param value the value, or {@code null} if there is none
	 * @param setting how the setting is named in the message
	 * @throws IllegalArgumentException if the value has a control or non-Latin-1 character
	 */
	static void requireSendable(@Nullable String value, String setting) {
		if (value == null) {
			return;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c > 0xFF) {
				throw new IllegalArgumentException(String.format(
						"%s must not contain %s (U+%04X) but has one at position %d of %d; a trailing newline "
								+ "from a file or a secret mount is the usual cause",
						setting, Character.isISOControl(c) ? "a control character" : "a non-Latin-1 character",
						(int) c, i + 1, value.length()));
			}
		}
	}

}
