package dev.assistants.client;

import java.nio.file.Path;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.CreateVectorStoreFileBatchRequest;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.DeleteVectorStoreFileResponse;
import dev.assistants.api.DeleteVectorStoreResponse;
import dev.assistants.api.ListVectorStoreFilesResponse;
import dev.assistants.api.ListVectorStoresResponse;
import dev.assistants.api.UpdateVectorStoreFileAttributesRequest;
import dev.assistants.api.UpdateVectorStoreRequest;
import dev.assistants.api.VectorStoreFileBatchObject;
import dev.assistants.api.VectorStoreFileContentResponse;
import dev.assistants.api.VectorStoreFileObject;
import dev.assistants.api.VectorStoreObject;
import dev.assistants.api.VectorStoreSearchRequest;
import dev.assistants.api.VectorStoreSearchResultsPage;

/**
 * The operations of OpenAI's Vector stores API, which gives the {@code file_search} tool its
 * documents, named after the specification's operation IDs, and the SDKs' helpers that add files
 * and wait until they are searchable. Get one from {@link AssistantsTemplate#vectorStores()};
 * Spring Boot applications can autowire it.
 * <p>
 * Like {@link AssistantsOperations}, nothing is sent until the result is subscribed to, calls are
 * retried, timed out and observed as configured, invalid arguments throw
 * {@link IllegalArgumentException} before anything is sent, and failures are
 * {@link AssistantsException}s. The {@code ...AndPoll} helpers read the object again after the
 * delay the server asks for ({@code openai-poll-after-ms}) or the configured polling interval,
 * until it is no longer {@code in_progress}, and fail with an {@link AssistantsTimeoutException}
 * at the configured polling timeout ({@code openai.polling.*}).
 */
public interface VectorStoreOperations {

	/**
	 * Create a vector store ({@code POST /vector_stores}).
	 * @param request the vector store, optionally with its first files
	 * @return the vector store
	 */
	Mono<VectorStoreObject> createVectorStore(CreateVectorStoreRequest request);

	/**
	 * List vector stores ({@code GET /vector_stores}).
	 * @param query the page to list
	 * @return a page of vector stores
	 */
	Mono<ListVectorStoresResponse> listVectorStores(ListQuery query);

	/**
	 * All vector stores from the given page on, fetched page by page as the subscriber asks for
	 * more; see {@link AssistantsOperations#listAllAssistants(ListQuery)}.
	 * @param query the first page
	 * @return the vector stores
	 */
	default Flux<VectorStoreObject> listAllVectorStores(ListQuery query) {
		return Pagination.all("listAllVectorStores", query, this::listVectorStores, VectorStoreObject::id);
	}

	/**
	 * Retrieve a vector store ({@code GET /vector_stores/{vector_store_id}}).
	 * @param vectorStoreId the ID of the vector store
	 * @return the vector store
	 */
	Mono<VectorStoreObject> getVectorStore(String vectorStoreId);

	/**
	 * Modify a vector store ({@code POST /vector_stores/{vector_store_id}}).
	 * @param vectorStoreId the ID of the vector store
	 * @param request the fields to change
	 * @return the vector store
	 */
	Mono<VectorStoreObject> modifyVectorStore(String vectorStoreId, UpdateVectorStoreRequest request);

	/**
	 * Delete a vector store ({@code DELETE /vector_stores/{vector_store_id}}); its files stay.
	 * @param vectorStoreId the ID of the vector store
	 * @return the deletion status
	 */
	Mono<DeleteVectorStoreResponse> deleteVectorStore(String vectorStoreId);

	/**
	 * Search a vector store ({@code POST /vector_stores/{vector_store_id}/search}).
	 * @param vectorStoreId the ID of the vector store
	 * @param request the query, and optionally filters and ranking options
	 * @return the chunks found, best first
	 */
	Mono<VectorStoreSearchResultsPage> searchVectorStore(String vectorStoreId, VectorStoreSearchRequest request);

	/**
	 * Search a vector store for one query with the server's defaults.
	 * @param vectorStoreId the ID of the vector store
	 * @param query the query
	 * @return the chunks found, best first
	 */
	default Mono<VectorStoreSearchResultsPage> searchVectorStore(String vectorStoreId, String query) {
		return searchVectorStore(vectorStoreId, VectorStoreSearchRequest.of(query));
	}

	// Vector store files

	/**
	 * Add a file to a vector store ({@code POST /vector_stores/{vector_store_id}/files}); it is
	 * processed in the background.
	 * @param vectorStoreId the ID of the vector store
	 * @param request the file, and optionally its chunking strategy and attributes
	 * @return the vector store file, usually {@code in_progress}
	 */
	Mono<VectorStoreFileObject> createVectorStoreFile(String vectorStoreId, CreateVectorStoreFileRequest request);

	/**
	 * Add a file to a vector store and wait until it is processed.
	 * @param vectorStoreId the ID of the vector store
	 * @param request the file
	 * @return the vector store file, {@code completed} or {@code failed} with its {@code last_error}
	 */
	Mono<VectorStoreFileObject> createVectorStoreFileAndPoll(String vectorStoreId, CreateVectorStoreFileRequest request);

	/**
	 * Upload a file for assistants, add it to a vector store and wait until it is processed.
	 * @param vectorStoreId the ID of the vector store
	 * @param file the file
	 * @return the vector store file, {@code completed} or {@code failed} with its {@code last_error}
	 */
	Mono<VectorStoreFileObject> uploadAndPoll(String vectorStoreId, Path file);

	/**
	 * List the files of a vector store ({@code GET /vector_stores/{vector_store_id}/files}).
	 * @param vectorStoreId the ID of the vector store
	 * @param query the page to list, optionally of one status
	 * @return a page of vector store files
	 */
	Mono<ListVectorStoreFilesResponse> listVectorStoreFiles(String vectorStoreId, VectorStoreFileListQuery query);

	/**
	 * All files of a vector store from the given page on, fetched page by page as the subscriber
	 * asks for more.
	 * @param vectorStoreId the ID of the vector store
	 * @param query the first page, optionally of one status
	 * @return the vector store files
	 */
	default Flux<VectorStoreFileObject> listAllVectorStoreFiles(String vectorStoreId, VectorStoreFileListQuery query) {
		return Pagination.all("listAllVectorStoreFiles", query.page(),
				(page) -> listVectorStoreFiles(vectorStoreId, query.withPage(page)), VectorStoreFileObject::id);
	}

	/**
	 * Retrieve a file of a vector store ({@code GET /vector_stores/{vector_store_id}/files/{file_id}}).
	 * @param vectorStoreId the ID of the vector store
	 * @param fileId the ID of the file
	 * @return the vector store file
	 */
	Mono<VectorStoreFileObject> getVectorStoreFile(String vectorStoreId, String fileId);

	/**
	 * Replace the attributes of a file of a vector store
	 * ({@code POST /vector_stores/{vector_store_id}/files/{file_id}}).
	 * @param vectorStoreId the ID of the vector store
	 * @param fileId the ID of the file
	 * @param request the new attributes
	 * @return the vector store file
	 */
	Mono<VectorStoreFileObject> updateVectorStoreFileAttributes(String vectorStoreId, String fileId,
			UpdateVectorStoreFileAttributesRequest request);

	/**
	 * Remove a file from a vector store
	 * ({@code DELETE /vector_stores/{vector_store_id}/files/{file_id}}); the file itself stays.
	 * @param vectorStoreId the ID of the vector store
	 * @param fileId the ID of the file
	 * @return the deletion status
	 */
	Mono<DeleteVectorStoreFileResponse> deleteVectorStoreFile(String vectorStoreId, String fileId);

	/**
	 * The text of a file as the vector store holds it, chunk by chunk
	 * ({@code GET /vector_stores/{vector_store_id}/files/{file_id}/content}).
	 * @param vectorStoreId the ID of the vector store
	 * @param fileId the ID of the file
	 * @return the file's chunks
	 */
	Mono<VectorStoreFileContentResponse> retrieveVectorStoreFileContent(String vectorStoreId, String fileId);

	// File batches

	/**
	 * Add files to a vector store as one batch
	 * ({@code POST /vector_stores/{vector_store_id}/file_batches}).
	 * @param vectorStoreId the ID of the vector store
	 * @param request the files
	 * @return the batch, usually {@code in_progress}
	 */
	Mono<VectorStoreFileBatchObject> createVectorStoreFileBatch(String vectorStoreId,
			CreateVectorStoreFileBatchRequest request);

	/**
	 * Add files to a vector store as one batch and wait until all are processed.
	 * @param vectorStoreId the ID of the vector store
	 * @param request the files
	 * @return the batch, {@code completed} (see its {@code file_counts} for failures) or
	 * {@code cancelled}
	 */
	Mono<VectorStoreFileBatchObject> createVectorStoreFileBatchAndPoll(String vectorStoreId,
			CreateVectorStoreFileBatchRequest request);

	/**
	 * Upload files for assistants (a few at a time), add them to a vector store as one batch and
	 * wait until all are processed.
	 * @param vectorStoreId the ID of the vector store
	 * @param files the files
	 * @return the batch, {@code completed} (see its {@code file_counts} for failures) or
	 * {@code cancelled}
	 */
	Mono<VectorStoreFileBatchObject> uploadAndPollBatch(String vectorStoreId, List<Path> files);

	/**
	 * Retrieve a file batch
	 * ({@code GET /vector_stores/{vector_store_id}/file_batches/{batch_id}}).
	 * @param vectorStoreId the ID of the vector store
	 * @param batchId the ID of the batch
	 * @return the batch
	 */
	Mono<VectorStoreFileBatchObject> getVectorStoreFileBatch(String vectorStoreId, String batchId);

	/**
	 * Cancel a file batch: the files not yet processed are not added
	 * ({@code POST /vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel}).
	 * @param vectorStoreId the ID of the vector store
	 * @param batchId the ID of the batch
	 * @return the batch
	 */
	Mono<VectorStoreFileBatchObject> cancelVectorStoreFileBatch(String vectorStoreId, String batchId);

	/**
	 * List the files of a batch
	 * ({@code GET /vector_stores/{vector_store_id}/file_batches/{batch_id}/files}).
	 * @param vectorStoreId the ID of the vector store
	 * @param batchId the ID of the batch
	 * @param query the page to list, optionally of one status
	 * @return a page of vector store files
	 */
	Mono<ListVectorStoreFilesResponse> listFilesInVectorStoreBatch(String vectorStoreId, String batchId,
			VectorStoreFileListQuery query);

}
