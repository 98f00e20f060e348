package dev.assistants.engine.code;

import java.util.Objects;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;

/**
 * A file given to a session or written by its code.
 *
 * @param id the file's ID: the API's for a file given to the code; the executor's own for one the
 * code wrote
 * @param filename its name in {@code /mnt/data}, without any directory
 * @param bytes its size
 * @param content its bytes, read when subscribed to; each buffer is the subscriber's to release
 */
public record CodeFile(String id, String filename, long bytes, Flux<DataBuffer> content) {

	public CodeFile {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(filename, "filename must not be null");
		Objects.requireNonNull(content, "content must not be null");
	}

}
