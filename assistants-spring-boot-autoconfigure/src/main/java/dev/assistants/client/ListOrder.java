package dev.assistants.client;

import java.util.Locale;

/**
 * Sort order of a list by the objects' {@code created_at} timestamp (the {@code order} query
 * parameter).
 */
public enum ListOrder {

	/** Oldest first ({@code asc}). */
	ASC,

	/** Newest first ({@code desc}), the server's default. */
	DESC;

	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
