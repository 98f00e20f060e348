package dev.assistants.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.PartEvent;

import dev.assistants.api.FileExpirationAfter;
import dev.assistants.engine.model.ImageFile;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.BlobStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.Scope;
import dev.assistants.engine.store.StoreTransaction;

/**
 * The file operations: upload (a {@code multipart/form-data} body streamed to the store's blobs),
 * list, retrieve, content and delete (which removes the file from every vector store, as the API
 * says). A file past its {@code expires_at} is gone: it is neither
 * found nor listed.
 */
final class FileOperations {

	/** The purposes a file may be uploaded for. */
	static final List<String> PURPOSES = List.of("assistants", "batch", "fine-tune", "vision", "user_data", "evals");

	/** Where a file keeps the content type it was uploaded with, which the API does not show. */
	private static final String CONTENT_TYPE = "_content_type";

	private static final String EXPIRES_ANCHOR = "expires_after[anchor]";

	private static final String EXPIRES_SECONDS = "expires_after[seconds]";

	private static final List<String> FIELDS = List.of("purpose", EXPIRES_ANCHOR, EXPIRES_SECONDS);

	/** The largest image a message may show to a model, as OpenAI allowed. */
	static final int MAX_IMAGE_SIZE = 20 * 1024 * 1024;

	/** The most files one list answers, and what it answers without a limit, as the API says. */
	private static final Lists.Limits LIMITS = new Lists.Limits(10_000, 10_000);

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final Scheduler scheduler;

	private final long maxFileSize;

	FileOperations(AssistantsStore store, ApiObjects objects, Scheduler scheduler, long maxFileSize) {
		this.store = store;
		this.objects = objects;
		this.scheduler = scheduler;
		this.maxFileSize = maxFileSize;
	}

	/** The largest file accepted, in bytes. */
	long maxFileSize() {
		return this.maxFileSize;
	}

	/**
	 * Upload a file: its bytes go to the store's blobs as they come, and the file exists once they
	 * all have, its form checked. A form that fails a check leaves nothing behind.
	 */
	Mono<ObjectNode> create(String project, Flux<PartEvent> body) {
		ObjectNode file = this.objects.create("file-", "file");
		String fileId = ApiObjects.id(file);
		return keep(project, fileId, (blobs) -> MultipartForm
			.read(body, "file", this.maxFileSize, (content) -> blobs.write(fileId, content))
			.map((form) -> {
				describe(file, form);
				return file;
			}));
	}

	/**
	 * A file the server made for the project, such as a chart its code displayed: its bytes go to the
	 * store's blobs as they come, and the file exists once they all have. It never expires.
	 */
	Mono<ObjectNode> createOutput(String project, String filename, MediaType contentType, Flux<DataBuffer> content) {
		String fileId = newFileId();
		return keep(project, fileId, (blobs) -> blobs.write(fileId, content)
			.map((bytes) -> newFile(fileId, filename, CodeInterpreterTool.PURPOSE, bytes, contentType.toString(), null)));
	}

	/**
	 * Keep a new file once its bytes are written: the written file's object is inserted, or, if
	 * anything failed, its bytes are deleted.
	 */
	private Mono<ObjectNode> keep(String project, String fileId, Function<BlobStore, Mono<ObjectNode>> write) {
		BlobStore blobs = this.store.blobs();
		return write.apply(blobs)
			.publishOn(this.scheduler)
			.map((file) -> {
				this.store.inTransaction((tx) -> {
					tx.insert(ObjectKind.FILE, project, file);
					return file;
				});
				return ApiObjects.publicView(file);
			})
			.onErrorResume((ex) -> blobs.delete(fileId).then(Mono.error(ex)));
	}

	/** A new file of the given bytes, kept under its ID: what a completed upload becomes. */
	ObjectNode newFile(String fileId, String filename, String purpose, long bytes, @Nullable String contentType,
			@Nullable Long expiresAt) {
		ObjectNode file = this.objects.create("file-", "file");
		file.put("id", fileId);
		fill(file, filename, purpose, bytes, contentType, expiresAt);
		return file;
	}

	/** A new file ID. */
	String newFileId() {
		return this.objects.newId("file-");
	}

	ObjectNode list(String project, Map<String, String> query) {
		String purpose = query.get("purpose");
		Scope scope = (purpose != null) ? Scope.purpose(purpose) : Scope.all();
		long now = this.objects.now();
		return this.store.inTransaction((tx) -> Lists.page(tx, ObjectKind.FILE, project, scope, query, LIMITS,
				(file) -> !expired(file, now)));
	}

	ObjectNode get(String project, String fileId) {
		return ApiObjects.publicView(this.store.inTransaction((tx) -> find(tx, project, fileId)));
	}

	/** The file's bytes, with the content type it was uploaded with. */
	Mono<FileContent> content(String project, String fileId) {
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> find(tx, project, fileId)))
			.subscribeOn(this.scheduler)
			.map((file) -> new FileContent(mediaType(file), file.path("bytes").asLong(),
					this.store.blobs().read(fileId)));
	}

	/**
	 * An image file's bytes whole, for a vision model: the file must be the project's and at most
	 * {@link #MAX_IMAGE_SIZE}.
	 */
	Mono<ImageFile> image(String project, String fileId) {
		return content(project, fileId).flatMap((file) -> DataBufferUtils.join(file.content(), MAX_IMAGE_SIZE)
			.map((buffer) -> new ImageFile(file.contentType().toString(), Buffers.take(buffer)))
			.onErrorMap(DataBufferLimitException.class, (ex) -> ApiException.invalid("The image file " + fileId
					+ " is larger than " + MAX_IMAGE_SIZE / (1024 * 1024) + " MB, the most an image may be.", null)));
	}

	Mono<ObjectNode> delete(String project, String fileId) {
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> {
			find(tx, project, fileId);
			for (ObjectNode vectorStoreFile : tx.list(ObjectKind.VECTOR_STORE_FILE, project, Scope.file(fileId))) {
				VectorStoreOperations.detach(tx, project, vectorStoreFile);
			}
			tx.delete(ObjectKind.FILE, project, fileId);
			return ApiObjects.deleted(fileId, "file");
		})).subscribeOn(this.scheduler).flatMap((deleted) -> this.store.blobs().delete(fileId).thenReturn(deleted));
	}

	/** The project's file, or a 404 if it has none of that ID (or it expired). */
	ObjectNode file(StoreTransaction tx, String project, String fileId) {
		return find(tx, project, fileId);
	}

	/** The content type a file was uploaded with, if it was given one. */
	static @Nullable String contentType(ObjectNode file) {
		return file.path(CONTENT_TYPE).asString(null);
	}

	private ObjectNode find(StoreTransaction tx, String project, String fileId) {
		return tx.find(ObjectKind.FILE, project, fileId)
			.filter((file) -> !expired(file, this.objects.now()))
			.orElseThrow(() -> ApiException.notFound(ObjectKind.FILE, fileId));
	}

	private void describe(ObjectNode file, MultipartForm form) {
		for (String name : form.fieldNames()) {
			if (!FIELDS.contains(name)) {
				throw ApiException.invalid("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
			}
		}
		if (!form.hasFile()) {
			throw ApiException.invalid("Missing required parameter: 'file'.", "file", "missing_required_parameter");
		}
		String purpose = form.field("purpose");
		if (purpose == null) {
			throw ApiException.invalid("Missing required parameter: 'purpose'.", "purpose",
					"missing_required_parameter");
		}
		if (!PURPOSES.contains(purpose)) {
			throw ApiException.invalid("Invalid value for 'purpose': '" + purpose + "'. Supported values are: "
					+ String.join(", ", PURPOSES) + ".", "purpose", "invalid_value");
		}
		Long expiresAt = expiresAt(form.field(EXPIRES_ANCHOR), form.field(EXPIRES_SECONDS),
				file.path("created_at").asLong());
		MediaType contentType = form.contentType();
		fill(file, (form.filename() != null) ? form.filename() : "file", purpose, form.size(),
				(contentType != null) ? contentType.toString() : null, expiresAt);
	}

	/** When a file expires, from its {@code expires_after}, if it has one. */
	private static @Nullable Long expiresAt(@Nullable String anchor, @Nullable String seconds, long createdAt) {
		if (anchor == null && seconds == null) {
			return null;
		}
		try {
			FileExpirationAfter after = new FileExpirationAfter((anchor != null) ? anchor : "",
					(seconds != null) ? Long.parseLong(seconds.trim()) : null);
			return createdAt + after.seconds();
		}
		catch (NumberFormatException ex) {
			throw ApiException.invalid("Invalid type for 'expires_after.seconds': expected an integer.",
					"expires_after.seconds", "invalid_type");
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalid("Invalid value for 'expires_after': " + ex.getMessage() + ".", "expires_after",
					"invalid_value");
		}
	}

	private static void fill(ObjectNode file, String filename, String purpose, long bytes, @Nullable String contentType,
			@Nullable Long expiresAt) {
		file.put("bytes", bytes);
		file.put("filename", filename);
		file.put("purpose", purpose);
		file.put("status", "processed");
		file.putNull("status_details");
		if (expiresAt != null) {
			file.put("expires_at", expiresAt);
		}
		else {
			file.putNull("expires_at");
		}
		file.put(CONTENT_TYPE, contentType);
	}

	private static boolean expired(ObjectNode file, long now) {
		return file.path("expires_at").isNumber() && file.path("expires_at").asLong() <= now;
	}

	private static MediaType mediaType(ObjectNode file) {
		String type = file.path(CONTENT_TYPE).asString(null);
		try {
			return (type != null) ? MediaType.parseMediaType(type) : MediaType.APPLICATION_OCTET_STREAM;
		}
		catch (RuntimeException ex) {
			return MediaType.APPLICATION_OCTET_STREAM;
		}
	}

	/** A file's bytes as they are read, with its content type and size. */
	record FileContent(MediaType contentType, long bytes, Flux<DataBuffer> content) {
	}

}
