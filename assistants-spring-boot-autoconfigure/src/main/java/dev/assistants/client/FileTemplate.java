package dev.assistants.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;

import dev.assistants.api.CompleteUploadRequest;
import dev.assistants.api.CreateUploadRequest;
import dev.assistants.api.DeleteFileResponse;
import dev.assistants.api.FileExpirationAfter;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.ListFilesResponse;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.Upload;
import dev.assistants.api.UploadPart;

import static dev.assistants.client.AssistantsTemplate.required;

/**
 * {@link FileOperations} on an {@link AssistantsTemplate}'s request path. Multipart bodies are
 * written by Spring's multipart writer, which streams each part's content.
 */
final class FileTemplate implements FileOperations {

	/** The size of the buffers a file is read in. */
	private static final int READ_BUFFER = 64 * 1024;

	private final AssistantsTemplate template;

	FileTemplate(AssistantsTemplate template) {
		this.template = template;
	}

	@Override
	public Mono<OpenAIFile> createFile(Resource file, FilePurpose purpose, @Nullable FileExpirationAfter expiresAfter) {
		Assert.notNull(file, "file must not be null");
		Assert.hasText(file.getFilename(), "file must have a file name");
		return createFile(file.getFilename(), purpose, expiresAfter, true, (form) -> form.part("file", file));
	}

	@Override
	public Mono<OpenAIFile> createFile(String filename, Flux<DataBuffer> content, FilePurpose purpose,
			@Nullable FileExpirationAfter expiresAfter) {
		Assert.hasText(filename, "filename must not be blank");
		Assert.notNull(content, "content must not be null");
		return createFile(filename, purpose, expiresAfter, false,
				(form) -> form.asyncPart("file", content, DataBuffer.class).filename(filename));
	}

	/**
	 * Upload a file as the API reads the form: {@code purpose} and {@code expires_after} first, then
	 * the file's part, which the function adds to each attempt's form, typed by the file's name.
	 */
	private Mono<OpenAIFile> createFile(String filename, @Nullable FilePurpose purpose,
			@Nullable FileExpirationAfter expiresAfter, boolean retryable,
			Function<MultipartBodyBuilder, MultipartBodyBuilder.PartBuilder> file) {
		Assert.notNull(purpose, "purpose must not be null");
		return this.template.exchange(ApiRequest.multipart("createFile", "/files", () -> {
			MultipartBodyBuilder form = new MultipartBodyBuilder();
			form.part("purpose", purpose.value());
			if (expiresAfter != null) {
				form.part("expires_after[anchor]", expiresAfter.anchor());
				form.part("expires_after[seconds]", expiresAfter.seconds().toString());
			}
			file.apply(form).contentType(contentType(filename));
			return form.build();
		}, retryable), OpenAIFile.class);
	}

	/** The type of a file by its name's extension, as the server keeps it for downloads. */
	private static MediaType contentType(String filename) {
		return MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
	}

	@Override
	public Mono<ListFilesResponse> listFiles(FileListQuery query) {
		Assert.notNull(query, "query must not be null");
		return this.template.exchange(ApiRequest.get("listFiles", "/files")
			.query("purpose", (query.purpose() != null) ? query.purpose().value() : null)
			.query("limit", query.limit())
			.query("order", (query.order() != null) ? query.order().value() : null)
			.query("after", query.after()), ListFilesResponse.class);
	}

	@Override
	public Flux<OpenAIFile> listAllFiles(FileListQuery query) {
		Assert.notNull(query, "query must not be null");
		return Pagination.all("listAllFiles", query.after(),
				(after) -> listFiles((after != null) ? query.withAfter(after) : query), OpenAIFile::id);
	}

	@Override
	public Mono<OpenAIFile> retrieveFile(String fileId) {
		return this.template.exchange(ApiRequest.get("retrieveFile", "/files/{file_id}").id("file_id", fileId),
				OpenAIFile.class);
	}

	@Override
	public Flux<DataBuffer> downloadFile(String fileId) {
		return this.template
			.exchangeContent(ApiRequest.get("downloadFile", "/files/{file_id}/content").id("file_id", fileId));
	}

	@Override
	public Mono<DeleteFileResponse> deleteFile(String fileId) {
		return this.template.exchange(ApiRequest.delete("deleteFile", "/files/{file_id}").id("file_id", fileId),
				DeleteFileResponse.class);
	}

	@Override
	public Mono<Upload> createUpload(CreateUploadRequest request) {
		return this.template.exchange(ApiRequest.post("createUpload", "/uploads", required(request)), Upload.class);
	}

	@Override
	public Mono<UploadPart> addUploadPart(String uploadId, Resource data) {
		Assert.notNull(data, "data must not be null");
		return addUploadPart(uploadId, (form) -> form.part("data", data));
	}

	@Override
	public Mono<UploadPart> addUploadPart(String uploadId, Flux<DataBuffer> data) {
		Assert.notNull(data, "data must not be null");
		return addUploadPart(uploadId, (form) -> form.asyncPart("data", data, DataBuffer.class).filename("data"));
	}

	/** Add a part whose form's one part, {@code data}, the given function adds anew for each attempt. */
	private Mono<UploadPart> addUploadPart(String uploadId,
			Function<MultipartBodyBuilder, MultipartBodyBuilder.PartBuilder> data) {
		return this.template.exchange(ApiRequest.multipart("addUploadPart", "/uploads/{upload_id}/parts", () -> {
			MultipartBodyBuilder form = new MultipartBodyBuilder();
			data.apply(form).contentType(MediaType.APPLICATION_OCTET_STREAM);
			return form.build();
		}, true).id("upload_id", uploadId), UploadPart.class);
	}

	@Override
	public Mono<Upload> completeUpload(String uploadId, CompleteUploadRequest request) {
		return this.template.exchange(ApiRequest.post("completeUpload", "/uploads/{upload_id}/complete",
				required(request)).id("upload_id", uploadId), Upload.class);
	}

	@Override
	public Mono<Upload> cancelUpload(String uploadId) {
		return this.template.exchange(ApiRequest.post("cancelUpload", "/uploads/{upload_id}/cancel", null)
			.id("upload_id", uploadId), Upload.class);
	}

	@Override
	public Mono<OpenAIFile> uploadFile(Path file, FilePurpose purpose, String mimeType, long partSize) {
		Assert.notNull(file, "file must not be null");
		Assert.notNull(purpose, "purpose must not be null");
		Assert.hasText(mimeType, "mimeType must not be blank");
		Assert.isTrue(partSize > 0 && partSize <= MAX_UPLOAD_PART_BYTES,
				() -> "partSize must be between 1 and " + MAX_UPLOAD_PART_BYTES + " but was " + partSize);
		return Mono.fromCallable(() -> Files.size(file))
			.onErrorMap(IOException.class, UncheckedIOException::new)
			.flatMap((size) -> createUpload(new CreateUploadRequest(file.getFileName().toString(), purpose.value(),
					size, mimeType, null))
				.flatMap((upload) -> parts(upload.id(), file, size, partSize)
					.flatMap((partIds) -> completeUpload(upload.id(), new CompleteUploadRequest(partIds, null)))
					.onErrorResume((failure) -> cancelUpload(upload.id()).onErrorResume((ex) -> {
						failure.addSuppressed(ex);
						return Mono.empty();
					}).then(Mono.error(failure)))))
			.map((upload) -> {
				if (upload.file() == null) {
					throw new InvalidResponseException("completeUpload: upload " + upload.id() + " is "
							+ upload.status() + " but holds no file", null);
				}
				return upload.file();
			});
	}

	/** Send the file's parts one after the other, each read from its own position, and return their IDs. */
	private Mono<List<String>> parts(String uploadId, Path file, long size, long partSize) {
		int count = (int) Math.max(1, (size + partSize - 1) / partSize);
		return Flux.range(0, count)
			.concatMap((index) -> addUploadPart(uploadId, region(file, index * partSize,
					Math.min(partSize, size - index * partSize))))
			.map(UploadPart::id)
			.collect(ArrayList::new, List::add);
	}

	/** The bytes of a region of a file, read anew on each subscription. */
	private static Flux<DataBuffer> region(Path file, long position, long length) {
		Flux<DataBuffer> read = DataBufferUtils.readAsynchronousFileChannel(
				() -> AsynchronousFileChannel.open(file, StandardOpenOption.READ), position,
				DefaultDataBufferFactory.sharedInstance, READ_BUFFER);
		return DataBufferUtils.takeUntilByteCount(read, length);
	}

}
