package dev.assistants.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import dev.assistants.engine.code.CodeExecution;
import dev.assistants.engine.code.CodeExecutor;
import dev.assistants.engine.code.CodeFile;
import dev.assistants.engine.code.CodeResult;

/**
 * An executor that runs no code but says what it was given, for tests of what the engine makes of
 * a result: its logs are {@code ran: <code>} and the names of the files given; code containing
 * {@code plot} displays a one-byte "image", code containing {@code save} writes {@code out.txt}, and
 * code containing {@code slow} takes {@link #SLOW} to run, and says so if its session was ended
 * meanwhile, as a kernel's would. A session it does not have (any more) is a new one, named
 * uniquely.
 */
public final class TestCodeExecutor implements CodeExecutor {

	/** How long code containing {@code slow} runs. */
	public static final Duration SLOW = Duration.ofMillis(2500);

	private static final AtomicInteger sessionNumbers = new AtomicInteger();

	private final Set<String> sessions = ConcurrentHashMap.newKeySet();

	@Override
	public Mono<CodeResult> execute(CodeExecution execution) {
		String session = (execution.sessionId() != null && this.sessions.contains(execution.sessionId()))
				? execution.sessionId() : "session_" + sessionNumbers.incrementAndGet();
		this.sessions.add(session);
		String given = String.join(",", execution.files().stream().map(CodeFile::filename).toList());
		List<byte[]> images = execution.code().contains("plot") ? List.of(new byte[] { 1 }) : List.of();
		List<CodeFile> files = execution.code().contains("save") ? List.of(new CodeFile("written", "out.txt", 5,
				Flux.just(DefaultDataBufferFactory.sharedInstance.wrap("hello".getBytes(StandardCharsets.UTF_8)))))
				: List.of();
		CodeResult result = new CodeResult(session,
				"ran: " + execution.code() + (given.isEmpty() ? "" : " with " + given), images, files);
		if (!execution.code().contains("slow")) {
			return Mono.just(result);
		}
		return Mono.delay(SLOW)
			.map((tick) -> this.sessions.contains(session) ? result
					: new CodeResult(session, "the session was ended while the code ran", List.of(), List.of()));
	}

	@Override
	public Set<String> sessions() {
		return Set.copyOf(this.sessions);
	}

	@Override
	public void close(String sessionId) {
		this.sessions.remove(sessionId);
	}

}
