package dev.assistants.engine.store;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * Where a store keeps the contents of files, by key, streamed in and out: never held whole in
 * memory. The engine keeps a file's object in the store and its bytes here, under the file's ID;
 * it checks who may read them before it asks.
 */
public interface BlobStore {

	/**
	 * Keep the content under the key, as it comes. If the content fails, or the write does,
	 * nothing is kept under the key.
	 * @param key the key, new
	 * @param content the bytes; each buffer is released once written
	 * @return the number of bytes kept, when all are
	 */
	Mono<Long> write(String key, Flux<DataBuffer> content);

	/**
	 * The content kept under a key, as it is read.
	 * @param key the key
	 * @return the bytes, empty if nothing is kept under the key
	 */
	Flux<DataBuffer> read(String key);

	/**
	 * Forget the content kept under a key, if any.
	 * @param key the key
	 * @return when it is done
	 */
	Mono<Void> delete(String key);

}
