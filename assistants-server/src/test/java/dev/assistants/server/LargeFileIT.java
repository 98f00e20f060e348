package dev.assistants.server;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file far larger than the server's heap, uploaded and read back through the jar run with a
 * 128 MB heap (the default server loads its local embedding model into it, which a 96 MB heap
 * holds only just): its bytes stream to the store and back, never held whole in memory.
 */
class LargeFileIT {

	private static final Path SERVER_JAR = Path.of("target", "assistants-server-0.1.0-SNAPSHOT.jar");

	private static final long SIZE = 384L * 1024 * 1024;

	@Test
	void uploadsAndReadsAFileOfThreeTimesTheHeap() throws Exception {
		try (JarProcess server = JarProcess.start(SERVER_JAR, Map.of("JAVA_TOOL_OPTIONS", "-Xmx128m"), "--server.port=0")) {
			server.awaitLine("Started AssistantsServerApplication", Duration.ofSeconds(60));
			String base = "http://127.0.0.1:" + server.port() + "/v1";
			HttpClient http = HttpClient.newHttpClient();
			String boundary = "----large-file-boundary";
			byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nassistants\r\n--"
					+ boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"large.bin\"\r\n"
					+ "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
			byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
			CRC32 sent = new CRC32();
			HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/files"))
				.header("Content-Type", "multipart/form-data; boundary=" + boundary)
				.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
						List.of(new ByteArrayInputStream(head), new Generated(SIZE, sent), new ByteArrayInputStream(tail))))))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(created.statusCode()).as(() -> created.body() + "\n" + String.join("\n", server.output()))
				.isEqualTo(200);
			JsonNode file = JsonMapper.builder().build().readTree(created.body());
			assertThat(file.path("bytes").asLong()).isEqualTo(SIZE);

			HttpResponse<InputStream> content = http.send(
					HttpRequest.newBuilder(URI.create(base + "/files/" + file.path("id").asString() + "/content")).build(),
					HttpResponse.BodyHandlers.ofInputStream());
			assertThat(content.headers().firstValueAsLong("content-length")).hasValue(SIZE);
			CRC32 received = new CRC32();
			long read = 0;
			try (InputStream in = content.body()) {
				byte[] buffer = new byte[64 * 1024];
				for (int n; (n = in.read(buffer)) != -1;) {
					received.update(buffer, 0, n);
					read += n;
				}
			}
			assertThat(read).isEqualTo(SIZE);
			assertThat(received.getValue()).isEqualTo(sent.getValue());
			assertThat(server.output()).noneMatch((line) -> line.contains("OutOfMemoryError"));
		}
	}

	/** Bytes made as they are read, checksummed on the way. */
	private static final class Generated extends InputStream {

		private final long size;

		private final CRC32 checksum;

		private long position;

		Generated(long size, CRC32 checksum) {
			this.size = size;
			this.checksum = checksum;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) == -1) ? -1 : (one[0] & 0xff);
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			if (this.position >= this.size) {
				return -1;
			}
			int n = (int) Math.min(length, this.size - this.position);
			for (int i = 0; i < n; i++) {
				buffer[offset + i] = (byte) ((this.position + i) * 31 >>> 3);
			}
			this.checksum.update(buffer, offset, n);
			this.position += n;
			return n;
		}

	}

}
