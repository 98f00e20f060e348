package dev.assistants.code.jupyter;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code in real kernels in real sandboxes: the executors' contract, and every escape we know of, each
 * a test that fails if the escape works. Needs bubblewrap and Jupyter's Python kernel,
 * which {@code .ci/run} installs: without them these tests fail.
 */
class LocalKernelsTests extends CodeExecutorContractTests {

	static Path work;

	static LocalKernels kernels;

	@BeforeAll
	static void kernels() throws Exception {
		// in the build's directory: a sandbox's user passes through it, as it cannot through a private temporary one
		work = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "kernels");
		assertThat(LocalKernels.unavailable()).as("bubblewrap and Jupyter's Python kernel (see .ci/run)").isEmpty();
		kernels = LocalKernels.builder()
			.workDirectory(work)
			.executionTimeout(Duration.ofSeconds(5))
			.memory(1024L * 1024 * 1024)
			.maxOutput(1000)
			.maxSessions(4)
			.build();
	}

	@AfterAll
	static void close() {
		kernels.close();
	}

	@Override
	protected CodeExecutor executor() {
		return kernels;
	}

	@Test
	void aHundredMegabytesOfOutputNeitherHangNorFloodTheServer() {
		CodeResult printed = run(null, "for i in range(100):\n    print('x' * 1_000_000)");
		assertThat(printed.logs()).startsWith("xxxx").contains("[output truncated: ").hasSizeLessThan(1200);
	}

	@Test
	void memoryBeyondTheLimitIsRefused() {
		assertThat(run(null, "x = bytearray(2 * 1024**3)").logs()).contains("MemoryError");
	}

	@Test
	void aForkBombHitsTheProcessLimit() {
		CodeResult bombed = run(null, """
				import os
				children = 0
				try:
				    for i in range(10000):
				        if os.fork() == 0:
				            import time; time.sleep(20); os._exit(0)
				        children += 1
				except OSError as e:
				    print('stopped after', children, type(e).__name__)
				""");
		assertThat(bombed.logs()).startsWith("stopped after").contains("BlockingIOError");
		assertThat(Integer.parseInt(bombed.logs().split(" ")[2])).isLessThan(64);
	}

	@Test
	void theNetworkIsUnreachableEvenTheServersOwnPort() throws Exception {
		try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			CodeResult connected = run(null, """
					import socket
					for address in [('127.0.0.1', %d), ('10.0.0.1', 80), ('1.1.1.1', 443)]:
					    try:
					        socket.create_connection(address, timeout=2)
					        print('connected', address)
					    except OSError as e:
					        print('refused', address)
					""".formatted(server.getLocalPort()));
			assertThat(connected.logs()).doesNotContain("connected").contains("refused");
		}
	}

	@Test
	void theHostsFilesAndProcessesAreOutOfSight() throws Exception {
		Path secret = Files.writeString(Path.of("target", "host-secret.txt").toAbsolutePath(), "host secret");
		CodeResult looked = run(null, """
				import os
				for path in ['%s', '/etc/shadow', '/etc/passwd', '/root']:
				    print(path, os.path.exists(path))
				print('processes', sorted(int(p) for p in os.listdir('/proc') if p.isdigit()))
				print('environ', open('/proc/1/environ', 'rb').read())
				print('java', any(b'java' in open('/proc/%%s/cmdline' %% p, 'rb').read()
				                  for p in os.listdir('/proc') if p.isdigit()))
				""".formatted(secret));
		assertThat(looked.logs()).contains(secret + " False", "/etc/shadow False", "/etc/passwd False", "/root False",
				"java False", "environ b'PATH=/usr/bin:/bin\\x00'").doesNotContain("host secret");
	}

	@Test
	void onlyMntDataIsWritableAndTheHostSeesNothingElse() {
		CodeResult wrote = run(null, """
				import os
				for path in ['/usr/evil', '/evil', '/etc/evil', '/tmp/scratch', '/mnt/data/kept']:
				    try:
				        open(path, 'w').write('x')
				        print(path, 'written')
				    except OSError as e:
				        print(path, 'refused')
				""");
		assertThat(wrote.logs()).contains("/usr/evil refused", "/evil refused", "/etc/evil refused",
				"/tmp/scratch written", "/mnt/data/kept written");
		assertThat(Path.of("/tmp/scratch")).doesNotExist();
		assertThat(wrote.files()).extracting(CodeFile::filename).containsExactly("kept");
	}

	@Test
	void oneSessionNeverSeesAnothersFiles() {
		CodeResult first = run(null, "open('/mnt/data/mine.txt', 'w').write('private')");
		CodeResult second = run(null, """
				import os
				print(os.listdir('/mnt/data'), os.path.exists('%s'))
				""".formatted(work.resolve(first.sessionId()).resolve("mine.txt")));
		assertThat(second.sessionId()).isNotEqualTo(first.sessionId());
		assertThat(second.logs()).isEqualTo("[] False");
	}

	@Test
	void aLinkTheCodeMakesNeverReadsOrWritesTheHost() throws Exception {
		Path outside = Files.writeString(work.resolve("outside.txt"), "host file");
		CodeFile input = file("file-link", "data.txt", "input".getBytes(StandardCharsets.UTF_8));
		// a link to the host's path: written by the code, it must neither be read out nor written through
		CodeResult linked = run(null, "import os\nos.symlink('%s', '/mnt/data/data.txt')\nos.symlink('%s', '/mnt/data/leak.txt')"
			.formatted(outside, outside));
		assertThat(linked.files()).isEmpty();
		CodeResult read = run(linked.sessionId(), "print(open('/mnt/data/data.txt').read())", input);
		assertThat(read.logs()).isEqualTo("input");
		assertThat(outside).hasContent("host file");
	}

	@Test
	void anEndedSessionLeavesNoFilesAndNoProcesses() {
		CodeResult first = run(null, "import subprocess\nopen('/mnt/data/a.txt', 'w').write('a')\n"
				+ "subprocess.Popen(['sleep', '301.5'], start_new_session=True)");
		assertThat(work.resolve(first.sessionId())).isDirectory();
		assertThat(processesWith("301.5")).isOne();
		kernels.close(first.sessionId());
		assertThat(work.resolve(first.sessionId())).doesNotExist();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> processesWith("301.5") == 0);
		assertThat(run(first.sessionId(), "import os\nprint(os.listdir('/mnt/data'))").logs()).isEqualTo("[]");
	}

	private static long processesWith(String argument) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().arguments().map((arguments) -> List.of(arguments).contains(argument))
				.orElse(false))
			.count();
	}

	@Test
	void theLeastRecentlyUsedIdleSessionMakesRoomForANewOne() {
		String oldest = run(null, "pass").sessionId();
		for (int i = 0; i < 4; i++) {
			run(null, "pass");
		}
		assertThat(kernels.sessions()).hasSizeLessThanOrEqualTo(4).doesNotContain(oldest);
	}

}
