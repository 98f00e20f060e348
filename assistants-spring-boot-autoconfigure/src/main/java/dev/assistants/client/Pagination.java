package dev.assistants.client;

import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.client.model.ListResponse;

/**
 * Walks the pages of a list operation lazily.
 */
final class Pagination {

	private Pagination() {
	}

	/**
	 * The objects of the first page and of every page after it. A page is requested only when the
	 * subscriber wants more objects than the pages so far held; walking stops at a page with
	 * {@code has_more: false} (or, from a server that sends {@code has_more} wrongly, one without
	 * a {@code last_id} or without objects).
	 */
	static <T> Flux<T> all(ListQuery first, Function<ListQuery, Mono<? extends ListResponse<T>>> fetch) {
		return Flux.<ListResponse<T>>from(fetch.apply(first))
			.expand((page) -> (page.hasMore() && page.lastId() != null && !page.data().isEmpty())
					? fetch.apply(first.withAfter(page.lastId())) : Mono.empty())
			.concatMapIterable(ListResponse::data, 1);
	}

}
