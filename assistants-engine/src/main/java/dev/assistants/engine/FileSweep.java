package dev.assistants.engine;

import java.util.ArrayList;
import java.util.List;

import reactor.core.publisher.Flux;

import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.StoredObject;

/**
 * Deletes the files past their {@code expires_at}, with their bytes, and the parts of the uploads
 * that expired before they were completed, at each check interval: one engine of those on the
 * store at a time, in bounded batches read by an index of what expires. (Until then an expired
 * file is already gone to the API, and an expired upload shows {@code expired}.)
 */
final class FileSweep {

	/** The task only one engine on the store does at a time. */
	private static final String DELETE_EXPIRED_FILES = "delete-expired-files";

	/** The task only one engine on the store does at a time. */
	private static final String EXPIRE_UPLOADS = "expire-uploads";

	/** The most expired files one sweep deletes; the rest wait for the next. */
	private static final int DELETED_AT_ONCE = 100;

	private final AssistantsStore store;

	private final ApiObjects objects;

	private final BackgroundWork background;

	FileSweep(AssistantsStore store, ApiObjects objects, BackgroundWork background) {
		this.store = store;
		this.objects = objects;
		this.background = background;
	}

	/**
	 * Delete the files that expired, if this engine's turn: their objects now, their bytes after;
	 * then expire the uploads that did, and delete their parts.
	 */
	void sweep() {
		long now = this.objects.now();
		List<StoredObject> expired = this.store.inTransaction((tx) -> {
			if (!tx.claimTask(DELETE_EXPIRED_FILES)) {
				return List.<StoredObject>of();
			}
			List<StoredObject> files = tx.expiredFiles(now, DELETED_AT_ONCE);
			files.forEach((file) -> tx.delete(ObjectKind.FILE, file.project(), file.id()));
			return files;
		});
		if (!expired.isEmpty()) {
			this.background.detach(Flux.fromIterable(expired).concatMap((file) -> this.store.blobs().delete(file.id())));
		}
		List<String> parts = this.store.inTransaction((tx) -> {
			if (!tx.claimTask(EXPIRE_UPLOADS)) {
				return List.<String>of();
			}
			List<String> ids = new ArrayList<>();
			for (StoredObject upload : tx.expiredUploads(now, DELETED_AT_ONCE)) {
				ids.addAll(UploadOperations.expire(tx, upload.project(), upload.id()));
			}
			return ids;
		});
		if (!parts.isEmpty()) {
			this.background.detach(Flux.fromIterable(parts).concatMap((part) -> this.store.blobs().delete(part)));
		}
	}

}
