package dev.assistants.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.files.FileCreateParams;
import com.openai.models.files.FileDeleted;
import com.openai.models.files.FileListParams;
import com.openai.models.files.FileObject;
import com.openai.models.files.FilePurpose;
import com.openai.models.uploads.Upload;
import com.openai.models.uploads.UploadCompleteParams;
import com.openai.models.uploads.UploadCreateParams;
import com.openai.models.uploads.parts.PartCreateParams;
import com.openai.models.uploads.parts.UploadPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The official openai-java SDK's files and uploads against the server on PostgreSQL: a file
 * uploaded from a path, listed, read back and deleted; a file uploaded in parts, as the SDKs upload
 * large files.
 */
class OpenAiJavaSdkFilesTests {

	private static final String KEY = "sk-sdk-files-key";

	private static RunningServer server;

	private static OpenAIClient client;

	@BeforeAll
	static void start() {
		server = RunningServer.onPostgres("assistants.server.api-keys[0].key=" + KEY,
				"assistants.server.api-keys[0].project=sdk-files");
		client = OpenAiSdk.client(server, KEY);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void uploadsListsReadsAndDeletesAFile(@TempDir Path directory) throws IOException {
		Path path = Files.writeString(directory.resolve("handbook.md"), "# Handbook\n\nRefunds within 30 days.\n");
		FileObject file = client.files()
			.create(FileCreateParams.builder()
				.file(path)
				.purpose(FilePurpose.ASSISTANTS)
				.expiresAfter(FileCreateParams.ExpiresAfter.builder().seconds(7200).build())
				.build());
		assertThat(file.id()).startsWith("file-");
		assertThat(file.filename()).isEqualTo("handbook.md");
		assertThat(file.bytes()).isEqualTo(Files.size(path));
		assertThat(file.purpose()).isEqualTo(FileObject.Purpose.ASSISTANTS);
		assertThat(file.status()).isEqualTo(FileObject.Status.PROCESSED);
		assertThat(file.expiresAt()).hasValue(file.createdAt() + 7200);
		assertThat(client.files().retrieve(file.id())).isEqualTo(file);
		assertThat(client.files().list().data()).extracting(FileObject::id).contains(file.id());
		assertThat(client.files().list(FileListParams.builder().purpose("batch").build()).data()).isEmpty();
		try (HttpResponse content = client.files().content(file.id()); InputStream body = content.body()) {
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(Files.readString(path));
		}
		FileDeleted deleted = client.files().delete(file.id());
		assertThat(deleted.deleted()).isTrue();
		assertThat(deleted.id()).isEqualTo(file.id());
		assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> client.files().retrieve(file.id()));
	}

	@Test
	void uploadsAFileInParts() throws IOException {
		byte[] first = "a".repeat(3000).getBytes(StandardCharsets.UTF_8);
		byte[] second = "b".repeat(1000).getBytes(StandardCharsets.UTF_8);
		Upload upload = client.uploads()
			.create(UploadCreateParams.builder()
				.filename("letters.txt")
				.bytes(first.length + second.length)
				.mimeType("text/plain")
				.purpose(FilePurpose.ASSISTANTS)
				.build());
		assertThat(upload.status()).isEqualTo(Upload.Status.PENDING);
		UploadPart one = client.uploads().parts().create(PartCreateParams.builder().uploadId(upload.id()).data(first).build());
		UploadPart two = client.uploads().parts().create(PartCreateParams.builder().uploadId(upload.id()).data(second).build());
		assertThat(one.uploadId()).isEqualTo(upload.id());
		Upload completed = client.uploads()
			.complete(UploadCompleteParams.builder().uploadId(upload.id()).partIds(List.of(one.id(), two.id())).build());
		assertThat(completed.status()).isEqualTo(Upload.Status.COMPLETED);
		FileObject file = completed.file().orElseThrow();
		assertThat(file.bytes()).isEqualTo(4000);
		try (HttpResponse content = client.files().content(file.id()); InputStream body = content.body()) {
			assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a".repeat(3000) + "b".repeat(1000));
		}
		assertThatExceptionOfType(BadRequestException.class).isThrownBy(() -> client.uploads().cancel(upload.id()));
	}

}
