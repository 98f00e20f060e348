package dev.assistants.code.jupyter;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import dev.assistants.engine.code.CodeExecutionException;
import dev.assistants.engine.code.CodeResult;

/**
 * The sessions an executor keeps, at most so many: a new one beyond them ends the least recently
 * used idle one, or is refused if all are busy.
 *
 * @param <S> the sessions
 */
final class Sessions<S extends Sessions.Session> {

	private static final Log logger = LogFactory.getLog(Sessions.class);

	private final Map<String, S> live = new ConcurrentHashMap<>();

	private final int max;

	private final Consumer<S> end;

	/**
	 * @param max the most sessions at once
	 * @param end what ends a session
	 */
	Sessions(int max, Consumer<S> end) {
		this.max = max;
		this.end = end;
	}

	/**
	 * Run code in a session, off the caller's thread; a cancel interrupts the code, not the thread
	 * that waits for its result.
	 * @param session the session to run it in, found or started
	 * @param execute what runs the code
	 * @param interrupt what interrupts it
	 */
	static <S> Mono<CodeResult> execute(Callable<S> session, Function<S, CodeResult> execute, Consumer<S> interrupt) {
		return Mono.fromCallable(session)
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((found) -> Mono.fromFuture(() -> CompletableFuture.supplyAsync(() -> execute.apply(found),
					Schedulers.boundedElastic()::schedule), true)
				.doOnCancel(() -> interrupt.accept(found)));
	}

	/**
	 * Look for idle sessions in the background, on a daemon thread of their own, every half idle
	 * timeout (at least every second, at most every minute).
	 * @param idleTimeout how long a session may be idle
	 * @param sweep what ends the idle sessions
	 * @return the executor, to shut down with the executor of the sessions
	 */
	static ScheduledExecutorService sweepEvery(Duration idleTimeout, Runnable sweep) {
		ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "assistants-code-sessions");
			thread.setDaemon(true);
			return thread;
		});
		long every = Math.max(1, Math.min(60, idleTimeout.toSeconds() / 2));
		sweeper.scheduleWithFixedDelay(sweep, every, every, TimeUnit.SECONDS);
		return sweeper;
	}

	/** The live session of that ID, if there is one. */
	@Nullable S find(String id) {
		S session = this.live.get(id);
		return (session != null && !session.closed()) ? session : null;
	}

	/** A new session, started once there is room for it. */
	S start(Supplier<S> start) {
		synchronized (this.live) {
			this.live.values().removeIf(Session::closed);
			if (this.live.size() >= this.max) {
				S idlest = this.live.values()
					.stream()
					.filter((session) -> !session.busy())
					.min(Comparator.comparingLong(Session::lastUsed))
					.orElseThrow(() -> new CodeExecutionException("This server runs " + this.max
							+ " Python sessions already, the most it may, and all of them are busy. Try again later."));
				logger.info("Ending code session " + idlest.id() + ", the least recently used, for a new one");
				end(idlest.id());
			}
			S session = start.get();
			this.live.put(session.id(), session);
			return session;
		}
	}

	/** Keep a session this executor did not start, in place of any it kept under that ID. */
	@Nullable S keep(S session) {
		return this.live.put(session.id(), session);
	}

	/** Forget a session, without ending it. */
	void forget(S session) {
		this.live.remove(session.id(), session);
	}

	/** End a session, if it is kept. */
	void end(String id) {
		S session = this.live.remove(id);
		if (session != null) {
			this.end.accept(session);
		}
	}

	Set<String> ids() {
		return Set.copyOf(this.live.keySet());
	}

	/** The sessions idle since then, or that are closed. */
	Iterable<S> idleSince(long nanoTime) {
		return this.live.values()
			.stream()
			.filter((session) -> session.closed() || (!session.busy() && session.lastUsed() < nanoTime))
			.toList();
	}

	Iterable<S> all() {
		return this.live.values();
	}

	void clear() {
		this.live.clear();
	}

	@Override
	public String toString() {
		return this.live.size() + " of " + this.max + " sessions";
	}

	/**
	 * A session, as the executors keep it.
	 */
	interface Session {

		String id();

		/** Whether it runs code now. */
		boolean busy();

		boolean closed();

		/** When it last ran code, in {@link System#nanoTime()}. */
		long lastUsed();

	}

}
