package dev.assistants.store.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.Assert;

import dev.assistants.engine.store.BlobStore;

/**
 * Keeps the contents of files as files of a directory, one a key, written and read as they stream.
 * Keys are the engine's IDs: letters, digits, {@code -} and {@code _} only, so that no key names a
 * path outside the directory.
 */
public final class DirectoryBlobStore implements BlobStore, AutoCloseable {

	private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

	private static final int READ_BUFFER_SIZE = 64 * 1024;

	private final Path directory;

	private final boolean temporary;

	private DirectoryBlobStore(Path directory, boolean temporary) {
		this.directory = directory;
		this.temporary = temporary;
	}

	/**
	 * A store in the given directory, which it creates if needed, and leaves when closed.
	 * @param directory the directory
	 * @return the store
	 */
	public static DirectoryBlobStore in(Path directory) {
		try {
			return new DirectoryBlobStore(Files.createDirectories(directory), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the directory " + directory, ex);
		}
	}

	/**
	 * A store in a new temporary directory, deleted with what it holds when the store is closed.
	 * @return the store
	 */
	public static DirectoryBlobStore temporary() {
		try {
			return new DirectoryBlobStore(Files.createTempDirectory("assistants-files-"), true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory", ex);
		}
	}

	@Override
	public Mono<Long> write(String key, Flux<DataBuffer> content) {
		Path path = path(key);
		return Mono.defer(() -> {
			AtomicLong size = new AtomicLong();
			return DataBufferUtils
				.write(content.doOnNext((buffer) -> size.addAndGet(buffer.readableByteCount())), path,
						StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)
				.then(Mono.fromCallable(size::get))
				.onErrorResume((ex) -> delete(key).then(Mono.error(ex)));
		});
	}

	@Override
	public Flux<DataBuffer> read(String key) {
		Path path = path(key);
		return Flux.defer(() -> Files.exists(path)
				? DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, READ_BUFFER_SIZE) : Flux.empty());
	}

	@Override
	public Mono<Void> delete(String key) {
		Path path = path(key);
		return Mono.<Void>fromCallable(() -> {
			Files.deleteIfExists(path);
			return null;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	/** A temporary store deletes its directory and what it holds. */
	@Override
	public void close() {
		if (!this.temporary) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory: the system cleans it up in the end
		}
	}

	private Path path(String key) {
		Assert.isTrue(KEY.matcher(key).matches(), () -> "Not a key of this store: " + key);
		return this.directory.resolve(key);
	}

}
