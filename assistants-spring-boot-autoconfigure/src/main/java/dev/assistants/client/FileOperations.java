package dev.assistants.client;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

import dev.assistants.api.CompleteUploadRequest;
import dev.assistants.api.CreateUploadRequest;
import dev.assistants.api.DeleteFileResponse;
import dev.assistants.api.FileExpirationAfter;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.ListFilesResponse;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.Upload;
import dev.assistants.api.UploadPart;

/**
 * The operations of OpenAI's Files and Uploads APIs, which Assistants apps use to give
 * {@code file_search} and {@code code_interpreter} their documents, named after the
 * specification's operation IDs. Get one from {@link AssistantsTemplate#files()}; Spring Boot
 * applications can autowire it.
 * <p>
 * Contents are streamed, never read whole into memory: an upload reads its {@link Resource} or
 * {@link DataBuffer}s as the connection takes them, a download hands its {@code DataBuffer}s on as
 * they arrive. Like {@link AssistantsOperations}, nothing is sent until the result is subscribed
 * to, calls are retried, timed out and observed as configured, invalid arguments throw
 * {@link IllegalArgumentException} before anything is sent, and failures are
 * {@link AssistantsException}s.
 */
public interface FileOperations {

	/** The largest part of an upload the API accepts, 64 MB. */
	long MAX_UPLOAD_PART_BYTES = 64L * 1024 * 1024;

	/**
	 * Upload a file ({@code POST /files}, multipart): its name is the resource's file name. A
	 * failed attempt is retried by reading the resource again.
	 * @param file the content
	 * @param purpose what the file is for, {@link FilePurpose#ASSISTANTS} for assistants
	 * @param expiresAfter when the file expires, or {@code null} for never
	 * @return the file
	 */
	Mono<OpenAIFile> createFile(Resource file, FilePurpose purpose, @Nullable FileExpirationAfter expiresAfter);

	/**
	 * Upload a file that does not expire.
	 * @param file the content
	 * @param purpose what the file is for
	 * @return the file
	 * @see #createFile(Resource, FilePurpose, FileExpirationAfter)
	 */
	default Mono<OpenAIFile> createFile(Resource file, FilePurpose purpose) {
		return createFile(file, purpose, null);
	}

	/**
	 * Upload a file from the file system that does not expire.
	 * @param file the file
	 * @param purpose what the file is for
	 * @return the file
	 * @see #createFile(Resource, FilePurpose, FileExpirationAfter)
	 */
	default Mono<OpenAIFile> createFile(Path file, FilePurpose purpose) {
		return createFile(new FileSystemResource(file), purpose, null);
	}

	/**
	 * Upload a file whose content is a stream of buffers, each released once written. The stream
	 * is subscribed to once: a failed attempt is not retried.
	 * @param filename the file's name
	 * @param content the content
	 * @param purpose what the file is for
	 * @param expiresAfter when the file expires, or {@code null} for never
	 * @return the file
	 */
	Mono<OpenAIFile> createFile(String filename, Flux<DataBuffer> content, FilePurpose purpose,
			@Nullable FileExpirationAfter expiresAfter);

	/**
	 * List files ({@code GET /files}).
	 * @param query the page to list, optionally of one purpose
	 * @return a page of files
	 */
	Mono<ListFilesResponse> listFiles(FileListQuery query);

	/**
	 * List the files with the server's defaults.
	 * @return a page of files
	 */
	default Mono<ListFilesResponse> listFiles() {
		return listFiles(FileListQuery.DEFAULT);
	}

	/**
	 * All files from the given page on, fetched page by page as the subscriber asks for more; see
	 * {@link AssistantsOperations#listAllAssistants(ListQuery)}.
	 * @param query the first page
	 * @return the files
	 */
	Flux<OpenAIFile> listAllFiles(FileListQuery query);

	/**
	 * Retrieve a file ({@code GET /files/{file_id}}).
	 * @param fileId the ID of the file
	 * @return the file
	 */
	Mono<OpenAIFile> retrieveFile(String fileId);

	/**
	 * Download a file's content ({@code GET /files/{file_id}/content}), as the server sends it. The
	 * subscriber owns each buffer and must release it ({@link DataBufferUtils#release}), as
	 * {@link DataBufferUtils#write} does. Retried only until the first buffer arrives. The overall
	 * deadline ({@code openai.timeout}) does not bound a download, which may rightly take long; a
	 * server that stops sending fails it after the response timeout
	 * ({@code openai.response-timeout}), which each read restarts.
	 * @param fileId the ID of the file
	 * @return the content
	 */
	Flux<DataBuffer> downloadFile(String fileId);

	/**
	 * Download a file's content into a file, replacing it if it exists.
	 * @param fileId the ID of the file
	 * @param target where to write the content
	 * @return completes once the content is written
	 */
	default Mono<Void> downloadFile(String fileId, Path target) {
		return DataBufferUtils.write(downloadFile(fileId), target);
	}

	/**
	 * Delete a file ({@code DELETE /files/{file_id}}); a server that follows the API also removes
	 * it from every vector store.
	 * @param fileId the ID of the file
	 * @return the deletion status
	 */
	Mono<DeleteFileResponse> deleteFile(String fileId);

	// Uploads

	/**
	 * Start an upload in parts ({@code POST /uploads}), for files larger than one request should
	 * carry.
	 * @param request the file to create: its name, purpose, size and MIME type
	 * @return the pending upload
	 */
	Mono<Upload> createUpload(CreateUploadRequest request);

	/**
	 * Add a part of at most {@value #MAX_UPLOAD_PART_BYTES} bytes to an upload
	 * ({@code POST /uploads/{upload_id}/parts}, multipart). A failed attempt is retried by reading
	 * the resource again.
	 * @param uploadId the ID of the upload
	 * @param data the part's bytes
	 * @return the part, whose ID {@link #completeUpload} needs
	 */
	Mono<UploadPart> addUploadPart(String uploadId, Resource data);

	/**
	 * Add a part whose bytes are a stream of buffers; see {@link #addUploadPart(String, Resource)}.
	 * The stream is subscribed to once per attempt: pass one that reads its source again, such as
	 * {@link DataBufferUtils#read}, for failed attempts to be retried.
	 * @param uploadId the ID of the upload
	 * @param data the part's bytes
	 * @return the part
	 */
	Mono<UploadPart> addUploadPart(String uploadId, Flux<DataBuffer> data);

	/**
	 * Complete an upload ({@code POST /uploads/{upload_id}/complete}): its parts, in order, become a
	 * file.
	 * @param uploadId the ID of the upload
	 * @param request the parts' IDs in order, and optionally the MD5 of the whole file
	 * @return the completed upload, with its {@code file}
	 */
	Mono<Upload> completeUpload(String uploadId, CompleteUploadRequest request);

	/**
	 * Cancel an upload ({@code POST /uploads/{upload_id}/cancel}); no part may be added after.
	 * @param uploadId the ID of the upload
	 * @return the cancelled upload
	 */
	Mono<Upload> cancelUpload(String uploadId);

	/**
	 * Upload a file of any size in parts, as the SDKs' multipart helpers do: an upload is created,
	 * each {@code partSize} bytes of the file are read and sent as a part (one at a time, so memory
	 * stays at one buffer), and the upload is completed; if a part fails, the upload is cancelled.
	 * @param file the file
	 * @param purpose what the file is for
	 * @param mimeType the file's MIME type, for example {@code text/plain}
	 * @param partSize the bytes of each part, at most {@value #MAX_UPLOAD_PART_BYTES}
	 * @return the file
	 */
	Mono<OpenAIFile> uploadFile(Path file, FilePurpose purpose, String mimeType, long partSize);

	/**
	 * Upload a file of any size in parts of {@value #MAX_UPLOAD_PART_BYTES} bytes.
	 * @param file the file
	 * @param purpose what the file is for
	 * @param mimeType the file's MIME type
	 * @return the file
	 * @see #uploadFile(Path, FilePurpose, String, long)
	 */
	default Mono<OpenAIFile> uploadFile(Path file, FilePurpose purpose, String mimeType) {
		return uploadFile(file, purpose, mimeType, MAX_UPLOAD_PART_BYTES);
	}

}
