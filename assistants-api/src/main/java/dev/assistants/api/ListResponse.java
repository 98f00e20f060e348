package dev.assistants.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of a list operation: the four {@code List*Response} schemas share this shape.
 *
 * @param <T> the type of the listed objects
 */
public interface ListResponse<T> {

	/**
	 * The object type, {@code list}.
	 * @return the object type
	 */
	String object();

	/**
	 * The objects of this page.
	 * @return the objects
	 */
	List<T> data();

	/**
	 * The ID of the first object of this page, to pass as {@code before} for the previous page.
	 * @return the ID, {@code null} when the page is empty and the server sends none
	 */
	@Nullable String firstId();

	/**
	 * The ID of the last object of this page, to pass as {@code after} for the next page.
	 * @return the ID, {@code null} when the page is empty and the server sends none
	 */
	@Nullable String lastId();

	/**
	 * Whether more objects follow this page.
	 * @return {@code true} if there is a next page
	 */
	boolean hasMore();

}
