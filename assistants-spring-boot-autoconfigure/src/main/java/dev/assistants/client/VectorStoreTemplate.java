package dev.assistants.client;

import java.nio.file.Path;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

import dev.assistants.api.CreateVectorStoreFileBatchRequest;
import dev.assistants.api.CreateVectorStoreFileRequest;
import dev.assistants.api.CreateVectorStoreRequest;
import dev.assistants.api.DeleteVectorStoreFileResponse;
import dev.assistants.api.DeleteVectorStoreResponse;
import dev.assistants.api.FilePurpose;
import dev.assistants.api.ListVectorStoreFilesResponse;
import dev.assistants.api.ListVectorStoresResponse;
import dev.assistants.api.OpenAIFile;
import dev.assistants.api.UpdateVectorStoreFileAttributesRequest;
import dev.assistants.api.UpdateVectorStoreRequest;
import dev.assistants.api.VectorStoreFileBatchObject;
import dev.assistants.api.VectorStoreFileContentResponse;
import dev.assistants.api.VectorStoreFileObject;
import dev.assistants.api.VectorStoreFileStatus;
import dev.assistants.api.VectorStoreObject;
import dev.assistants.api.VectorStoreSearchRequest;
import dev.assistants.api.VectorStoreSearchResultsPage;

import static dev.assistants.client.AssistantsTemplate.page;
import static dev.assistants.client.AssistantsTemplate.required;

/**
 * {@link VectorStoreOperations} on an {@link AssistantsTemplate}'s request path.
 */
final class VectorStoreTemplate implements VectorStoreOperations {

	/** How many files {@link #uploadAndPollBatch} uploads at once, as the SDKs do. */
	private static final int CONCURRENT_UPLOADS = 5;

	private final AssistantsTemplate template;

	private final FileOperations files;

	VectorStoreTemplate(AssistantsTemplate template, FileOperations files) {
		this.template = template;
		this.files = files;
	}

	@Override
	public Mono<VectorStoreObject> createVectorStore(CreateVectorStoreRequest request) {
		return this.template.exchange(ApiRequest.post("createVectorStore", "/vector_stores", required(request)),
				VectorStoreObject.class);
	}

	@Override
	public Mono<ListVectorStoresResponse> listVectorStores(ListQuery query) {
		return this.template.exchange(page(ApiRequest.get("listVectorStores", "/vector_stores"), query),
				ListVectorStoresResponse.class);
	}

	@Override
	public Mono<VectorStoreObject> getVectorStore(String vectorStoreId) {
		return this.template.exchange(vectorStore(ApiRequest.get("getVectorStore", "/vector_stores/{vector_store_id}"),
				vectorStoreId), VectorStoreObject.class);
	}

	@Override
	public Mono<VectorStoreObject> modifyVectorStore(String vectorStoreId, UpdateVectorStoreRequest request) {
		return this.template.exchange(vectorStore(ApiRequest.post("modifyVectorStore",
				"/vector_stores/{vector_store_id}", required(request)), vectorStoreId), VectorStoreObject.class);
	}

	@Override
	public Mono<DeleteVectorStoreResponse> deleteVectorStore(String vectorStoreId) {
		return this.template.exchange(vectorStore(ApiRequest.delete("deleteVectorStore",
				"/vector_stores/{vector_store_id}"), vectorStoreId), DeleteVectorStoreResponse.class);
	}

	@Override
	public Mono<VectorStoreSearchResultsPage> searchVectorStore(String vectorStoreId, VectorStoreSearchRequest request) {
		return this.template.exchange(vectorStore(ApiRequest.post("searchVectorStore",
				"/vector_stores/{vector_store_id}/search", required(request)), vectorStoreId),
				VectorStoreSearchResultsPage.class);
	}

	@Override
	public Mono<VectorStoreFileObject> createVectorStoreFile(String vectorStoreId, CreateVectorStoreFileRequest request) {
		return this.template.exchange(createFileRequest(vectorStoreId, request), VectorStoreFileObject.class);
	}

	@Override
	public Mono<VectorStoreFileObject> createVectorStoreFileAndPoll(String vectorStoreId,
			CreateVectorStoreFileRequest request) {
		return this.template.pollUntil(
				this.template.exchangeForResponse(createFileRequest(vectorStoreId, request), VectorStoreFileObject.class),
				(file) -> getFileRequest(vectorStoreId, file.id()), VectorStoreFileObject.class,
				(file) -> !VectorStoreFileStatus.IN_PROGRESS.equals(file.status()),
				(file) -> "createVectorStoreFileAndPoll: file " + file.id() + " is still " + file.status());
	}

	@Override
	public Mono<VectorStoreFileObject> uploadAndPoll(String vectorStoreId, Path file) {
		return this.files.createFile(file, FilePurpose.ASSISTANTS)
			.flatMap((uploaded) -> createVectorStoreFileAndPoll(vectorStoreId,
					CreateVectorStoreFileRequest.of(uploaded.id())));
	}

	private static ApiRequest createFileRequest(String vectorStoreId, CreateVectorStoreFileRequest request) {
		return vectorStore(ApiRequest.post("createVectorStoreFile", "/vector_stores/{vector_store_id}/files",
				required(request)), vectorStoreId);
	}

	@Override
	public Mono<ListVectorStoreFilesResponse> listVectorStoreFiles(String vectorStoreId, VectorStoreFileListQuery query) {
		return this.template.exchange(filtered(vectorStore(ApiRequest.get("listVectorStoreFiles",
				"/vector_stores/{vector_store_id}/files"), vectorStoreId), query), ListVectorStoreFilesResponse.class);
	}

	@Override
	public Mono<VectorStoreFileObject> getVectorStoreFile(String vectorStoreId, String fileId) {
		return this.template.exchange(getFileRequest(vectorStoreId, fileId), VectorStoreFileObject.class);
	}

	private static ApiRequest getFileRequest(String vectorStoreId, String fileId) {
		return vectorStore(ApiRequest.get("getVectorStoreFile", "/vector_stores/{vector_store_id}/files/{file_id}"),
				vectorStoreId).id("file_id", fileId);
	}

	@Override
	public Mono<VectorStoreFileObject> updateVectorStoreFileAttributes(String vectorStoreId, String fileId,
			UpdateVectorStoreFileAttributesRequest request) {
		return this.template.exchange(vectorStore(ApiRequest.post("updateVectorStoreFileAttributes",
				"/vector_stores/{vector_store_id}/files/{file_id}", required(request)), vectorStoreId)
			.id("file_id", fileId), VectorStoreFileObject.class);
	}

	@Override
	public Mono<DeleteVectorStoreFileResponse> deleteVectorStoreFile(String vectorStoreId, String fileId) {
		return this.template.exchange(vectorStore(ApiRequest.delete("deleteVectorStoreFile",
				"/vector_stores/{vector_store_id}/files/{file_id}"), vectorStoreId)
			.id("file_id", fileId), DeleteVectorStoreFileResponse.class);
	}

	@Override
	public Mono<VectorStoreFileContentResponse> retrieveVectorStoreFileContent(String vectorStoreId, String fileId) {
		return this.template.exchange(vectorStore(ApiRequest.get("retrieveVectorStoreFileContent",
				"/vector_stores/{vector_store_id}/files/{file_id}/content"), vectorStoreId)
			.id("file_id", fileId), VectorStoreFileContentResponse.class);
	}

	@Override
	public Mono<VectorStoreFileBatchObject> createVectorStoreFileBatch(String vectorStoreId,
			CreateVectorStoreFileBatchRequest request) {
		return this.template.exchange(createBatchRequest(vectorStoreId, request), VectorStoreFileBatchObject.class);
	}

	@Override
	public Mono<VectorStoreFileBatchObject> createVectorStoreFileBatchAndPoll(String vectorStoreId,
			CreateVectorStoreFileBatchRequest request) {
		return this.template.pollUntil(
				this.template.exchangeForResponse(createBatchRequest(vectorStoreId, request),
						VectorStoreFileBatchObject.class),
				(batch) -> getBatchRequest(vectorStoreId, batch.id()), VectorStoreFileBatchObject.class,
				(batch) -> !VectorStoreFileStatus.IN_PROGRESS.equals(batch.status()),
				(batch) -> "createVectorStoreFileBatchAndPoll: batch " + batch.id() + " is still " + batch.status()
						+ " with " + batch.fileCounts().inProgress() + " files in progress");
	}

	@Override
	public Mono<VectorStoreFileBatchObject> uploadAndPollBatch(String vectorStoreId, List<Path> files) {
		Assert.notEmpty(files, "files must not be empty");
		Assert.isTrue(files.size() <= CreateVectorStoreFileBatchRequest.MAX_FILES,
				() -> "files must hold at most " + CreateVectorStoreFileBatchRequest.MAX_FILES + " files but held "
						+ files.size());
		return Flux.fromIterable(files)
			.flatMapSequential((file) -> this.files.createFile(file, FilePurpose.ASSISTANTS), CONCURRENT_UPLOADS)
			.map(OpenAIFile::id)
			.collectList()
			.flatMap((fileIds) -> createVectorStoreFileBatchAndPoll(vectorStoreId,
					CreateVectorStoreFileBatchRequest.ofFileIds(fileIds)));
	}

	private static ApiRequest createBatchRequest(String vectorStoreId, CreateVectorStoreFileBatchRequest request) {
		return vectorStore(ApiRequest.post("createVectorStoreFileBatch", "/vector_stores/{vector_store_id}/file_batches",
				required(request)), vectorStoreId);
	}

	@Override
	public Mono<VectorStoreFileBatchObject> getVectorStoreFileBatch(String vectorStoreId, String batchId) {
		return this.template.exchange(getBatchRequest(vectorStoreId, batchId), VectorStoreFileBatchObject.class);
	}

	private static ApiRequest getBatchRequest(String vectorStoreId, String batchId) {
		return vectorStore(ApiRequest.get("getVectorStoreFileBatch",
				"/vector_stores/{vector_store_id}/file_batches/{batch_id}"), vectorStoreId).id("batch_id", batchId);
	}

	@Override
	public Mono<VectorStoreFileBatchObject> cancelVectorStoreFileBatch(String vectorStoreId, String batchId) {
		return this.template.exchange(vectorStore(ApiRequest.post("cancelVectorStoreFileBatch",
				"/vector_stores/{vector_store_id}/file_batches/{batch_id}/cancel", null), vectorStoreId)
			.id("batch_id", batchId), VectorStoreFileBatchObject.class);
	}

	@Override
	public Mono<ListVectorStoreFilesResponse> listFilesInVectorStoreBatch(String vectorStoreId, String batchId,
			VectorStoreFileListQuery query) {
		return this.template.exchange(filtered(vectorStore(ApiRequest.get("listFilesInVectorStoreBatch",
				"/vector_stores/{vector_store_id}/file_batches/{batch_id}/files"), vectorStoreId)
			.id("batch_id", batchId), query), ListVectorStoreFilesResponse.class);
	}

	private static ApiRequest vectorStore(ApiRequest request, String vectorStoreId) {
		return request.id("vector_store_id", vectorStoreId);
	}

	private static ApiRequest filtered(ApiRequest request, VectorStoreFileListQuery query) {
		Assert.notNull(query, "query must not be null");
		return page(request, query.page()).query("filter", (query.filter() != null) ? query.filter().value() : null);
	}

}
