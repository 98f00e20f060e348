package dev.assistants.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePartEvent;
import org.springframework.http.codec.multipart.FormPartEvent;
import org.springframework.http.codec.multipart.PartEvent;

/**
 * A {@code multipart/form-data} body read as it streams: its fields, and one file whose bytes go
 * straight to where they are kept, counted against a limit as they come, never held whole in
 * memory. A file over the limit fails with a 413; a second file, or a file in another field, is
 * a 400.
 */
final class MultipartForm {

	/** The parts' events read ahead of what is kept. */
	private static final int PREFETCH = 8;

	private final Map<String, String> fields = new HashMap<>();

	private @Nullable String filename;

	private @Nullable MediaType contentType;

	private long size = -1;

	private MultipartForm() {
	}

	/**
	 * Read a form whose one file is in the given field.
	 * @param parts the body's parts, as they stream
	 * @param fileField the name of the file's field
	 * @param maxFileSize the most bytes the file may have
	 * @param sink where the file's bytes go: it writes them and says how many it kept
	 * @return the form, once all is read and the file kept
	 */
	static Mono<MultipartForm> read(Flux<PartEvent> parts, String fileField, long maxFileSize,
			Function<Flux<DataBuffer>, Mono<Long>> sink) {
		MultipartForm form = new MultipartForm();
		// a few of the network's buffers ahead at most, however slowly the file's bytes are kept
		return parts.windowUntil(PartEvent::isLast, false, PREFETCH)
			.concatMap((part) -> part.switchOnFirst((first, events) -> {
				PartEvent event = first.get();
				if (event instanceof FormPartEvent field && !fileField.equals(field.name())) {
					form.fields.put(field.name(), field.value());
					return discard(events);
				}
				// the file's part, with a file name or without (the SDKs send some parts as bare bytes)
				if (event == null || !fileField.equals(event.name()) || form.size >= 0) {
					String name = (event != null) ? event.name() : "";
					return discard(events).then(Mono.error(ApiException.invalid("Unexpected file in the form's field '"
							+ name + "': the file goes in '" + fileField + "', once.", name, "invalid_value")));
				}
				form.filename = (event instanceof FilePartEvent file) ? file.filename() : null;
				form.contentType = event.headers().getContentType();
				return sink.apply(limited(events.map(PartEvent::content), maxFileSize)).doOnNext((size) -> form.size = size);
			}), 1)
			.then(Mono.just(form));
	}

	/** A field's value, if the form has it. */
	@Nullable String field(String name) {
		return this.fields.get(name);
	}

	/** The names of the form's fields. */
	Iterable<String> fieldNames() {
		return this.fields.keySet();
	}

	/** Whether the form had its file. */
	boolean hasFile() {
		return this.size >= 0;
	}

	/** The file's name, as the client gave it. */
	@Nullable String filename() {
		return this.filename;
	}

	/** The file's content type, as the client gave it. */
	@Nullable MediaType contentType() {
		return this.contentType;
	}

	/** The bytes of the file kept. */
	long size() {
		return this.size;
	}

	private static Mono<Long> discard(Flux<PartEvent> events) {
		return events.doOnNext((event) -> DataBufferUtils.release(event.content())).then(Mono.empty());
	}

	/** The file's bytes, failing with a 413 at the first byte over the limit. */
	private static Flux<DataBuffer> limited(Flux<DataBuffer> content, long max) {
		return Flux.defer(() -> {
			AtomicLong seen = new AtomicLong();
			return content.handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > max) {
					DataBufferUtils.release(buffer);
					sink.error(new ApiException(413, "The file is too large: this server accepts files of at most "
							+ max + " bytes.", "file", "file_too_large"));
				}
				else {
					sink.next(buffer);
				}
			});
		});
	}

}
