package dev.assistants.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.multipart.PartEvent;

import dev.assistants.api.CompleteUploadRequest;
import dev.assistants.api.CreateUploadRequest;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.BlobStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoreTransaction;

/**
 * Uploads of a file in parts, as the SDKs make them for large files: create an upload of so many
 * bytes, add its parts (each streamed to the store's blobs), complete it with the parts in order
 * (they are joined into the file's blob, checked against the bytes and an MD5 if given), or cancel
 * it. An upload is {@code pending} for an hour, then {@code expired}.
 */
final class UploadOperations {

	/** The purposes an upload may be for, as the specification lists them. */
	private static final List<String> PURPOSES = List.of("assistants", "batch", "fine-tune", "vision");

	/** The longest a pending upload waits for its parts and completion. */
	private static final long EXPIRY_SECONDS = 3600;

	/** The most bytes one part holds, as OpenAI allowed. */
	static final long MAX_PART_SIZE = 64L * 1024 * 1024;

	/** Where an upload keeps its parts (ID and bytes, in the order they came), which the API does not show. */
	private static final String PARTS = "_parts";

	private static final String MIME_TYPE = "_mime_type";

	private static final String FILE_EXPIRES_AT = "_file_expires_at";

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final RequestReader reader;

	private final FileOperations files;

	private final Scheduler scheduler;

	UploadOperations(AssistantsStore store, ApiObjects objects, RequestReader reader, FileOperations files,
			Scheduler scheduler) {
		this.store = store;
		this.objects = objects;
		this.reader = reader;
		this.files = files;
		this.scheduler = scheduler;
	}

	ObjectNode create(String project, String body) {
		ObjectNode request = this.reader.read(body, CreateUploadRequest.class);
		String purpose = request.path("purpose").asString();
		if (!PURPOSES.contains(purpose)) {
			throw ApiException.invalid("Invalid value for 'purpose': '" + purpose + "'. Supported values are: "
					+ String.join(", ", PURPOSES) + ".", "purpose", "invalid_value");
		}
		long bytes = request.path("bytes").asLong();
		if (bytes > this.files.maxFileSize()) {
			throw ApiException.invalid("Invalid value for 'bytes': this server accepts files of at most "
					+ this.files.maxFileSize() + " bytes.", "bytes", "invalid_value");
		}
		ObjectNode upload = this.objects.create("upload_", "upload");
		long createdAt = upload.path("created_at").asLong();
		upload.put("bytes", bytes);
		upload.put("filename", request.path("filename").asString());
		upload.put("purpose", purpose);
		upload.put("status", "pending");
		upload.put("expires_at", createdAt + EXPIRY_SECONDS);
		upload.putNull("file");
		upload.put(MIME_TYPE, request.path("mime_type").asString());
		JsonNode expiresAfter = request.path("expires_after");
		upload.put(FILE_EXPIRES_AT, expiresAfter.isObject() ? createdAt + expiresAfter.path("seconds").asLong() : null);
		upload.putArray(PARTS);
		this.store.inTransaction((tx) -> {
			tx.insert(ObjectKind.UPLOAD, project, upload);
			return upload;
		});
		return view(upload);
	}

	/** Add a part: its bytes ({@code data}) go to the store's blobs, then it joins its upload. */
	Mono<ObjectNode> addPart(String project, String uploadId, Flux<PartEvent> body) {
		BlobStore blobs = this.store.blobs();
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> pending(tx, project, uploadId)))
			.subscribeOn(this.scheduler)
			.flatMap((upload) -> {
				String partId = this.objects.newId("part_");
				return MultipartForm.read(body, "data", MAX_PART_SIZE, (content) -> blobs.write(partId, content))
					.flatMap((form) -> Mono.fromCallable(() -> join(project, uploadId, partId, form))
						.subscribeOn(this.scheduler))
					.onErrorResume((ex) -> blobs.delete(partId).then(Mono.error(ex)));
			});
	}

	private ObjectNode join(String project, String uploadId, String partId, MultipartForm form) {
		form.fieldNames().forEach((name) -> {
			throw ApiException.invalid("Unknown parameter: '" + name + "'.", name, "unknown_parameter");
		});
		if (!form.hasFile()) {
			throw ApiException.invalid("Missing required parameter: 'data'.", "data", "missing_required_parameter");
		}
		ObjectNode part = this.objects.create("part_", "upload.part");
		part.put("id", partId);
		part.put("upload_id", uploadId);
		this.store.inTransaction((tx) -> {
			ObjectNode upload = pending(tx, project, uploadId);
			long received = 0;
			for (JsonNode earlier : upload.path(PARTS)) {
				received += earlier.path("bytes").asLong();
			}
			long expected = upload.path("bytes").asLong();
			if (received + form.size() > expected) {
				throw ApiException.invalid("The parts would hold " + (received + form.size()) + " bytes, where the upload "
						+ "was created for " + expected + " bytes.", "data", "invalid_value");
			}
			((ArrayNode) upload.get(PARTS)).addObject().put("id", partId).put("bytes", form.size());
			tx.update(ObjectKind.UPLOAD, project, upload);
			return upload;
		});
		return part;
	}

	/**
	 * Complete an upload: its parts, in the order given, become the file's bytes, which must add up
	 * to the upload's {@code bytes} (and match its {@code md5} if given); the upload is then
	 * {@code completed} with its file.
	 */
	Mono<ObjectNode> complete(String project, String uploadId, String body) {
		BlobStore blobs = this.store.blobs();
		return Mono.fromCallable(() -> {
			ObjectNode request = this.reader.read(body, CompleteUploadRequest.class);
			ObjectNode upload = this.store.inTransaction((tx) -> pending(tx, project, uploadId));
			List<String> partIds = new ArrayList<>();
			request.path("part_ids").forEach((id) -> partIds.add(id.asString()));
			checkParts(upload, partIds);
			return new Completion(partIds, request.path("md5").asString(null));
		}).subscribeOn(this.scheduler).flatMap((completion) -> {
			String fileId = this.files.newFileId();
			MessageDigest md5 = md5();
			Flux<DataBuffer> content = Flux.fromIterable(completion.partIds())
				.concatMap(blobs::read)
				.doOnNext((buffer) -> {
					try (DataBuffer.ByteBufferIterator buffers = buffer.readableByteBuffers()) {
						buffers.forEachRemaining(md5::update);
					}
				});
			return blobs.write(fileId, content)
				.flatMap((bytes) -> Mono.fromCallable(() -> finish(project, uploadId, fileId, completion,
						HexFormat.of().formatHex(md5.digest())))
					.subscribeOn(this.scheduler))
				.onErrorResume((ex) -> blobs.delete(fileId).then(Mono.error(ex)))
				.flatMap((completed) -> deleteParts(blobs, completed).thenReturn(view(completed)));
		});
	}

	private ObjectNode finish(String project, String uploadId, String fileId, Completion completion, String md5) {
		if (completion.md5() != null && !completion.md5().equalsIgnoreCase(md5)) {
			throw ApiException.invalid("The MD5 of the uploaded bytes (" + md5 + ") does not match 'md5' ("
					+ completion.md5() + ").", "md5", "invalid_value");
		}
		return this.store.inTransaction((tx) -> {
			ObjectNode upload = pending(tx, project, uploadId);
			JsonNode fileExpiresAt = upload.path(FILE_EXPIRES_AT);
			ObjectNode file = this.files.newFile(fileId, upload.path("filename").asString(),
					upload.path("purpose").asString(), upload.path("bytes").asLong(),
					upload.path(MIME_TYPE).asString(null), fileExpiresAt.isNumber() ? fileExpiresAt.asLong() : null);
			tx.insert(ObjectKind.FILE, project, file);
			upload.put("status", "completed");
			upload.set("file", ApiObjects.publicView(file));
			tx.update(ObjectKind.UPLOAD, project, upload);
			return upload;
		});
	}

	/** Cancel an upload: it is {@code cancelled}, and its parts are forgotten. */
	Mono<ObjectNode> cancel(String project, String uploadId) {
		return Mono.fromCallable(() -> this.store.inTransaction((tx) -> {
			ObjectNode upload = pending(tx, project, uploadId);
			upload.put("status", "cancelled");
			tx.update(ObjectKind.UPLOAD, project, upload);
			return upload;
		})).subscribeOn(this.scheduler).flatMap((upload) -> deleteParts(this.store.blobs(), upload).thenReturn(view(upload)));
	}

	/** The upload, locked, if it still takes parts: pending and not expired. */
	private ObjectNode pending(StoreTransaction tx, String project, String uploadId) {
		ObjectNode upload = tx.lock(ObjectKind.UPLOAD, project, uploadId)
			.orElseThrow(() -> ApiException.notFound(ObjectKind.UPLOAD, uploadId));
		String status = status(upload);
		if (!"pending".equals(status)) {
			throw ApiException.invalid("Upload " + uploadId + " is " + status + ": it takes no more parts, and cannot "
					+ "be completed or cancelled.", null, "invalid_upload_status");
		}
		return upload;
	}

	private void checkParts(ObjectNode upload, List<String> partIds) {
		Map<String, Long> sizes = new HashMap<>();
		upload.path(PARTS).forEach((part) -> sizes.put(part.path("id").asString(), part.path("bytes").asLong()));
		long total = 0;
		for (int i = 0; i < partIds.size(); i++) {
			Long size = sizes.remove(partIds.get(i));
			if (size == null) {
				throw ApiException.invalid("Invalid value for 'part_ids[" + i + "]': '" + partIds.get(i)
						+ "' is not a part of this upload, or is listed twice.", "part_ids[" + i + "]", "invalid_value");
			}
			total += size;
		}
		long expected = upload.path("bytes").asLong();
		if (total != expected) {
			throw ApiException.invalid("The parts hold " + total + " bytes, where the upload was created for " + expected
					+ " bytes.", "part_ids", "invalid_value");
		}
	}

	/**
	 * A pending upload past its {@code expires_at} is {@code expired} for good: its status is
	 * written, and its parts are to be deleted.
	 * @return the IDs of its parts' blobs
	 */
	static List<String> expire(StoreTransaction tx, String project, String uploadId) {
		List<String> parts = new ArrayList<>();
		tx.lock(ObjectKind.UPLOAD, project, uploadId)
			.filter((upload) -> "pending".equals(upload.path("status").asString()))
			.ifPresent((upload) -> {
				upload.put("status", "expired");
				tx.update(ObjectKind.UPLOAD, project, upload);
				upload.path(PARTS).forEach((part) -> parts.add(part.path("id").asString()));
			});
		return parts;
	}

	private static Mono<Void> deleteParts(BlobStore blobs, ObjectNode upload) {
		return Flux.fromIterable(upload.path(PARTS)).concatMap((part) -> blobs.delete(part.path("id").asString())).then();
	}

	/** The upload as the API shows it: a pending upload past its {@code expires_at} is {@code expired}. */
	private ObjectNode view(ObjectNode upload) {
		ObjectNode view = ApiObjects.publicView(upload);
		if ("pending".equals(view.path("status").asString()) && view.path("expires_at").asLong() <= this.objects.now()) {
			view.put("status", "expired");
		}
		return view;
	}

	private String status(ObjectNode upload) {
		return view(upload).path("status").asString();
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 is not available", ex);
		}
	}

	/** What completing an upload takes: its parts in order, and the MD5 to match. */
	private record Completion(List<String> partIds, @Nullable String md5) {
	}

}
