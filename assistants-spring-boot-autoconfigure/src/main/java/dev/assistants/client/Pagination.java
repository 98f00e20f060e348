package dev.assistants.client;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.ListResponse;

/**
 * Walks the pages of a list operation lazily.
 */
final class Pagination {

	private Pagination() {
	}

	/**
	 * The objects of the first page and of every page after it. A page is requested only when the
	 * subscriber wants more objects than the pages so far held, with {@code after} set to the
	 * previous page's {@code last_id} (or, from a server that sends none, the ID of its last
	 * object); walking stops at a page with {@code has_more: false} or without objects. A server
	 * whose next page does not move past the cursor (it ignores {@code after}) fails the walk with an
	 * {@link InvalidResponseException} instead of looping for ever.
	 * @param operation the list operation, for messages
	 * @param first the first page
	 * @param fetch the list operation
	 * @param id the ID of a listed object
	 */
	static <T> Flux<T> all(String operation, ListQuery first, Function<ListQuery, Mono<? extends ListResponse<T>>> fetch,
			Function<T, String> id) {
		return all(operation, first.after(), (after) -> fetch.apply((after != null) ? first.withAfter(after) : first), id);
	}

	/**
	 * The objects of the first page and of every page after it, for list operations whose query
	 * is not a {@link ListQuery}; see {@link #all(String, ListQuery, Function, Function)}.
	 * @param operation the list operation, for messages
	 * @param firstAfter the cursor of the first page, or {@code null}
	 * @param fetch the list operation, given the cursor of the page to list ({@code null} for the
	 * first page)
	 * @param id the ID of a listed object
	 */
	static <T> Flux<T> all(String operation, @Nullable String firstAfter,
			Function<@Nullable String, Mono<? extends ListResponse<T>>> fetch, Function<T, String> id) {
		return Flux.<Fetched<T>>from(fetch.apply(null).map((page) -> new Fetched<>(page, firstAfter)))
			.expand((fetched) -> {
				String cursor = fetched.nextCursor(id);
				return (cursor != null) ? fetch.apply(cursor).map((page) -> new Fetched<>(page, cursor).checked(operation, id))
						: Mono.empty();
			})
			.concatMapIterable((fetched) -> fetched.page().data(), 1);
	}

	/**
	 * A page, and the cursor it was asked for with.
	 */
	private record Fetched<T>(ListResponse<T> page, @Nullable String after) {

		/** The cursor of the next page, or {@code null} if this page is the last. */
		@Nullable String nextCursor(Function<T, String> id) {
			List<T> data = this.page.data();
			if (!this.page.hasMore() || data.isEmpty()) {
				return null;
			}
			return (this.page.lastId() != null) ? this.page.lastId() : id.apply(data.get(data.size() - 1));
		}

		/** This page, if it moved past the cursor it was asked for with. */
		Fetched<T> checked(String operation, Function<T, String> id) {
			boolean repeated = this.page.data().stream().map(id).anyMatch((object) -> object.equals(this.after));
			if (repeated || (this.after != null && this.after.equals(nextCursor(id)))) {
				throw new InvalidResponseException(operation + ": the page after '" + this.after
						+ "' does not move past it (it holds that object again); the server may not support 'after'",
						null);
			}
			return this;
		}

	}

}
