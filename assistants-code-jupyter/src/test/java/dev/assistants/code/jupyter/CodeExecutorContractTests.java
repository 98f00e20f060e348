package dev.assistants.code.jupyter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every executor of this module does with real kernels: sessions keep state and files, results
 * carry logs, tracebacks, images and written files, and limits and cancels interrupt the code. The
 * executor under test stops an execution after 5 seconds and keeps 1,000 characters of logs.
 */
abstract class CodeExecutorContractTests {

	/**
	 * The executor under test.
	 * @return the executor
	 */
	protected abstract CodeExecutor executor();

	@Test
	void stateFilesAndImagesPersistWithinASession() {
		CodeFile csv = file("file-abc", "sales.csv", "month,total\n1,10\n".getBytes(StandardCharsets.UTF_8));
		CodeResult loaded = run(null, "import pandas as pd\ndf = pd.read_csv('sales.csv')\nprint(df.total.sum())", csv);
		assertThat(loaded.logs()).isEqualTo("10");
		CodeResult plotted = run(loaded.sessionId(), """
				import matplotlib.pyplot as plt
				df.plot(x='month', y='total')
				plt.show()
				df.to_csv('out.csv', index=False)
				""", csv);
		assertThat(plotted.sessionId()).isEqualTo(loaded.sessionId());
		assertThat(plotted.images()).singleElement()
			.satisfies((png) -> assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG"));
		assertThat(plotted.files()).singleElement().satisfies((file) -> {
			assertThat(file.filename()).isEqualTo("out.csv");
			assertThat(new String(read(file), StandardCharsets.UTF_8)).isEqualTo("month,total\n1,10\n");
		});
	}

	@Test
	void anErrorGivesItsTracebackAndTheSessionGoesOn() {
		CodeResult failed = run(null, "x = 1\n1/0");
		assertThat(failed.logs()).contains("ZeroDivisionError", "Traceback", "1/0").doesNotContain("\u001b[");
		assertThat(run(failed.sessionId(), "print(x + 1)").logs()).isEqualTo("2");
	}

	@Test
	void anInfiniteLoopIsStoppedAndTheStateKept() {
		CodeResult looping = run(null, "kept = 42\nwhile True: pass");
		assertThat(looping.logs()).contains("KeyboardInterrupt", "stopped after 5 seconds");
		assertThat(run(looping.sessionId(), "print(kept)").logs()).isEqualTo("42");
	}

	@Test
	void aCancelledExecutionIsInterrupted() throws Exception {
		String session = run(null, "kept = 'still here'").sessionId();
		Disposable running = executor().execute(new CodeExecution(session, "import time\ntime.sleep(30)", List.of()))
			.subscribe();
		Thread.sleep(1000);
		running.dispose();
		long start = System.nanoTime();
		assertThat(run(session, "print(kept)").logs()).isEqualTo("still here");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
	}

	@Test
	void outputIsCutToTheLimit() {
		CodeResult printed = run(null, "for i in range(20):\n    print('x' * 100)");
		assertThat(printed.logs()).startsWith("x".repeat(100) + "\n").endsWith("[output truncated: 1020 more characters]")
			.hasSize(1000 + "\n[output truncated: 1020 more characters]".length());
	}

	@Test
	void aDeadKernelIsRestartedAndSaysSo() {
		CodeResult died = run(null, "import os\nos._exit(1)");
		assertThat(died.logs()).contains("restarted");
		assertThat(run(died.sessionId(), "print('alive')").logs()).isEqualTo("alive");
	}

	@Test
	void anEndedSessionIsReplacedByANewOne() {
		CodeResult first = run(null, "gone = True");
		executor().close(first.sessionId());
		assertThat(executor().sessions()).doesNotContain(first.sessionId());
		CodeResult next = run(first.sessionId(), "print('gone' in globals())");
		assertThat(next.sessionId()).isNotEqualTo(first.sessionId());
		assertThat(next.logs()).isEqualTo("False");
	}

	protected CodeResult run(String session, String code, CodeFile... files) {
		return executor().execute(new CodeExecution(session, code, List.of(files))).block(Duration.ofSeconds(90));
	}

	protected static CodeFile file(String id, String name, byte[] content) {
		return new CodeFile(id, name, content.length, Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(content)));
	}

	protected static byte[] read(CodeFile file) {
		return DataBufferUtils.join(file.content()).map((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).block(Duration.ofSeconds(60));
	}

}
