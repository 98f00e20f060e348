package dev.assistants.client;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import dev.assistants.api.FilePurpose;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 MB file goes up and comes back down through a JVM whose heap is 48 MB: uploads stream the
 * file from disk into the connection, downloads stream the connection onto disk, neither holds the
 * content in memory. The JVM is a child process, so its heap limit is real.
 */
class LargeFileStreamingTests {

	private static final long SIZE = 200L * 1024 * 1024;

	@TempDir
	private Path directory;

	@Test
	void uploadsAndDownloads200MegabytesInA48MegabyteHeap() throws Exception {
		Path output = this.directory.resolve("output.txt");
		Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx48m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
				SmallHeap.class.getName(), this.directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean exited = process.waitFor(3, TimeUnit.MINUTES);
		if (!exited) {
			process.destroyForcibly();
		}
		String printed = Files.readString(output);
		assertThat(exited).as(printed).isTrue();
		assertThat(process.exitValue()).as(printed).isZero();
		assertThat(printed).contains("uploaded " + SIZE + " bytes as file-big", "downloaded " + SIZE + " bytes");
	}

	/**
	 * The child process: a loopback server that counts what it receives and sends 200 MB back, and
	 * the client uploading and downloading through it.
	 */
	static final class SmallHeap {

		public static void main(String[] args) throws Exception {
			Path directory = Path.of(args[0]);
			Path upload = directory.resolve("big.bin");
			try (RandomAccessFile file = new RandomAccessFile(upload.toFile(), "rw")) {
				file.setLength(SIZE);
			}
			AtomicLong received = new AtomicLong();
			byte[] chunk = new byte[64 * 1024];
			DisposableServer server = HttpServer.create()
				.host("127.0.0.1")
				.port(0)
				.route((routes) -> routes
					.post("/v1/files", (request, response) -> request.receive()
						.doOnNext((buffer) -> received.addAndGet(buffer.readableBytes()))
						.then(response.header("Content-Type", "application/json")
							.sendString(Mono.fromSupplier(() -> "{\"id\":\"file-big\",\"object\":\"file\",\"bytes\":"
									+ SIZE + ",\"created_at\":1700000000,\"filename\":\"big.bin\",\"purpose\":"
									+ "\"assistants\",\"status\":\"processed\"}"), StandardCharsets.UTF_8)
							.then()))
					.get("/v1/files/file-big/content", (request, response) -> response
						.header("Content-Type", "application/octet-stream")
						.header("Content-Length", Long.toString(SIZE))
						.send(Flux.range(0, (int) (SIZE / chunk.length)).map((index) -> Unpooled.wrappedBuffer(chunk)))))
				.bindNow();
			try (AssistantsTemplate client = AssistantsTemplate.builder()
				.baseUrl("http://127.0.0.1:" + server.port() + "/v1")
				.apiKey("sk-test")
				.build()) {
				String id = client.files().createFile(upload, FilePurpose.ASSISTANTS).block().id();
				if (received.get() < SIZE) {
					throw new IllegalStateException("the server received " + received.get() + " bytes");
				}
				System.out.println("uploaded " + SIZE + " bytes as " + id);
				Path download = directory.resolve("download.bin");
				client.files().downloadFile(id, download).block();
				System.out.println("downloaded " + Files.size(download) + " bytes");
			}
			finally {
				server.disposeNow();
			}
		}

	}

}
