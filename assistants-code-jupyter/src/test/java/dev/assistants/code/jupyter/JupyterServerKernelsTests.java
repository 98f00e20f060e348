package dev.assistants.code.jupyter;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;


import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Code in the kernels of a real Jupyter Server, which the test starts on loopback with a token
 * (Debian's {@code jupyter-server}, which {@code .ci/kernels} installs): the executors' contract,
 * sessions found by every instance, files of any size in and out through the kernel, and the token
 * kept secret.
 */
class JupyterServerKernelsTests extends CodeExecutorContractTests {

	private static final String TOKEN = "jupyter-secret-token";

	static Process jupyter;

	static URI url;

	static Path data;

	static JupyterServerKernels kernels;

	@BeforeAll
	static void startJupyterServer() throws Exception {
		Path root = Files.createTempDirectory("jupyter-root");
		data = Files.createDirectories(root.resolve("data"));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		ProcessBuilder builder = new ProcessBuilder("/usr/bin/jupyter-server", "--ServerApp.ip=127.0.0.1",
				"--ServerApp.port=" + port, "--ServerApp.port_retries=0", "--ServerApp.token=" + TOKEN,
				"--ServerApp.root_dir=" + root, "--ServerApp.open_browser=False", "--allow-root")
			.redirectErrorStream(true)
			.redirectOutput(root.resolve("jupyter.log").toFile());
		builder.environment().put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
		jupyter = builder.start();
		url = URI.create("http://127.0.0.1:" + port);
		HttpClient http = HttpClient.newHttpClient();
		Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http
			.send(HttpRequest.newBuilder(url.resolve("/api/status")).header("Authorization", "token " + TOKEN).build(),
					HttpResponse.BodyHandlers.ofString())
			.statusCode() == 200);
		kernels = newKernels();
	}

	@AfterAll
	static void stop() {
		kernels.close();
		jupyter.descendants().forEach(ProcessHandle::destroyForcibly);
		jupyter.destroyForcibly();
	}

	@Override
	protected CodeExecutor executor() {
		return kernels;
	}

	private static JupyterServerKernels newKernels() {
		return JupyterServerKernels.builder(url)
			.token(TOKEN)
			.dataDirectory(data.toString())
			.executionTimeout(Duration.ofSeconds(5))
			.maxOutput(1000)
			.build();
	}

	@Test
	void theExecutorsOwnProgramsLeaveNothingInTheUsersNamespace() {
		CodeFile csv = file("file-abc", "sales.csv", "a,b\n".getBytes(StandardCharsets.UTF_8));
		CodeResult ran = run(null, "open('written.txt', 'w').write('x')", csv);
		assertThat(ran.files()).extracting(CodeFile::filename).containsExactly("written.txt");
		assertThat(run(ran.sessionId(), "print(sorted(k for k in globals() if not k.startswith('_')))").logs())
			.isEqualTo("['In', 'Out', 'exit', 'get_ipython', 'quit']");
	}

	@Test
	void aLargeFileGoesInAndComesOutWhole() {
		byte[] bytes = new byte[3 * 1024 * 1024 + 17];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) (i * 31);
		}
		CodeFile big = file("file-big", "big.bin", bytes);
		CodeResult copied = run(null, "import shutil\nshutil.copy('big.bin', 'copy.bin')\nprint(len(open('big.bin', 'rb').read()))",
				big);
		assertThat(copied.logs()).isEqualTo(String.valueOf(bytes.length));
		assertThat(copied.files()).singleElement().satisfies((file) -> assertThat(read(file)).isEqualTo(bytes));
	}

	@Test
	void anotherInstanceFindsTheSessionAndAnEndedOneIsReplaced() {
		String session = run(null, "shared = 'from the first instance'").sessionId();
		try (JupyterServerKernels other = newKernels()) {
			CodeResult found = other.execute(new CodeExecution(session, "print(shared)", List.of())).block(Duration.ofSeconds(60));
			assertThat(found.sessionId()).isEqualTo(session);
			assertThat(found.logs()).isEqualTo("from the first instance");
			other.close(session);
		}
		CodeResult replaced = run(session, "print('shared' in globals())");
		assertThat(replaced.sessionId()).isNotEqualTo(session);
		assertThat(replaced.logs()).isEqualTo("False");
	}

	@Test
	void theTokenIsNeverShown() {
		assertThat(kernels.toString()).doesNotContain(TOKEN).contains(url.toString());
		try (JupyterServerKernels wrong = JupyterServerKernels.builder(url).token("not-" + TOKEN).build()) {
			assertThatExceptionOfType(CodeExecutionException.class)
				.isThrownBy(() -> wrong.execute(new CodeExecution(null, "1", List.of())).block(Duration.ofSeconds(30)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("403").doesNotContain(TOKEN));
		}
	}

}
