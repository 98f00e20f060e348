package dev.assistants.store.postgresql;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.BlobStore;

/**
 * The contents of files in {@code file_contents}, in parts of at most a mebibyte: written part by
 * part as the bytes come, read part by part as the reader asks, so that neither holds more than a
 * part in memory. Each statement runs in a transaction of the store's, off the event loop.
 */
final class PostgresBlobStore implements BlobStore {

	/** The size of a part: large enough that a 512 MB file is 512 rows, small enough for any heap. */
	static final int PART_SIZE = 1024 * 1024;

	private final JdbcClient jdbc;

	private final AssistantsStore store;

	private final Scheduler scheduler = Schedulers.boundedElastic();

	/**
	 * @param store the store whose transactions the statements run in, so that a database that
	 * cannot be reached is told as the store tells it
	 */
	PostgresBlobStore(JdbcClient jdbc, AssistantsStore store) {
		this.jdbc = jdbc;
		this.store = store;
	}

	@Override
	public Mono<Long> write(String key, Flux<DataBuffer> content) {
		return Mono.defer(() -> {
			Parts parts = new Parts(key);
			return content
				.concatMap((buffer) -> Mono.fromRunnable(() -> parts.add(buffer)).subscribeOn(this.scheduler), 1)
				.then(Mono.fromCallable(parts::finish).subscribeOn(this.scheduler))
				.onErrorResume((ex) -> delete(key).then(Mono.error(ex)));
		});
	}

	@Override
	public Flux<DataBuffer> read(String key) {
		return Flux.<DataBuffer, Integer>generate(() -> 0, (part, sink) -> {
			byte[] data = inTransaction(() -> this.jdbc.sql("select data from file_contents where key = :key and part = :part")
				.param("key", key)
				.param("part", part)
				.query(byte[].class)
				.optional()
				.orElse(null));
			if (data == null) {
				sink.complete();
			}
			else {
				sink.next(DefaultDataBufferFactory.sharedInstance.wrap(data));
			}
			return part + 1;
		}).subscribeOn(this.scheduler);
	}

	@Override
	public Mono<Void> delete(String key) {
		return Mono.<Void>fromRunnable(() -> inTransaction(() -> this.jdbc
			.sql("delete from file_contents where key = :key")
			.param("key", key)
			.update())).subscribeOn(this.scheduler);
	}

	private <T> T inTransaction(Supplier<T> statement) {
		return this.store.inTransaction((tx) -> statement.get());
	}

	/** The parts of one write: a part is written when full, the last when the content ends. */
	private final class Parts {

		private final String key;

		private final ByteArrayOutputStream part = new ByteArrayOutputStream(PART_SIZE);

		private final AtomicLong size = new AtomicLong();

		private int next;

		Parts(String key) {
			this.key = key;
		}

		void add(DataBuffer buffer) {
			try {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				this.size.addAndGet(bytes.length);
				int offset = 0;
				while (offset < bytes.length) {
					int taken = Math.min(bytes.length - offset, PART_SIZE - this.part.size());
					this.part.write(bytes, offset, taken);
					offset += taken;
					if (this.part.size() == PART_SIZE) {
						flush();
					}
				}
			}
			finally {
				DataBufferUtils.release(buffer);
			}
		}

		long finish() {
			if (this.part.size() > 0 || this.next == 0) {
				flush();
			}
			return this.size.get();
		}

		private void flush() {
			byte[] data = this.part.toByteArray();
			int number = this.next++;
			inTransaction(() -> PostgresBlobStore.this.jdbc
				.sql("insert into file_contents (key, part, data) values (:key, :part, :data)")
				.param("key", this.key)
				.param("part", number)
				.param("data", data)
				.update());
			this.part.reset();
		}

	}

}
