package dev.assistants.engine;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The engine's work that goes on whoever listens, until the engine closes: executions detached from
 * the request that started them, and work repeated at an interval (expiring runs, renewing leases),
 * whose failures are logged once per outage.
 */
final class BackgroundWork implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(BackgroundWork.class);

	private final Set<Disposable> detached = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	/** Run work whoever listens, until it ends or this closes. */
	void detach(Flux<?> work) {
		if (this.closed) {
			return;
		}
		Disposable.Swap slot = Disposables.swap();
		this.detached.add(slot);
		slot.update(work.doFinally((signal) -> this.detached.remove(slot))
			.subscribe(null, (ex) -> logger.debug("Run work ended with an error", ex)));
		if (this.closed) {
			slot.dispose();
		}
	}

	/**
	 * Do work at each interval, on the scheduler, until this closes. A tick that comes while the
	 * work is still busy with the last one is dropped: under load (a store slow to answer) the work
	 * runs less often, and never stops for good, as it would on the interval's overflow. A failure
	 * is logged once for as long as the work keeps failing (the store down for a while fails it
	 * every time), and its end once.
	 * @param what what the work does, for the log, such as {@code "renew the leases of the runs"}
	 */
	void every(Duration interval, String what, Scheduler scheduler, Callable<?> work) {
		Outage outage = new Outage(what, interval);
		detach(Flux.interval(interval, interval)
			.onBackpressureDrop()
			.concatMap((tick) -> Mono.fromCallable(work).subscribeOn(scheduler).doOnSuccess((done) -> outage.over())
				.onErrorResume((ex) -> {
					outage.failed(ex);
					return Mono.empty();
				})));
	}

	/** Whether this has closed: work still under way writes nothing more. */
	boolean closed() {
		return this.closed;
	}

	/** Stop all the work. */
	@Override
	public void close() {
		this.closed = true;
		this.detached.forEach(Disposable::dispose);
		this.detached.clear();
	}

	/**
	 * The failures of a piece of work that runs again and again, logged once per outage, and its
	 * end.
	 */
	private static final class Outage {

		private final String work;

		private final Duration interval;

		private volatile boolean failing;

		Outage(String work, Duration interval) {
			this.work = work;
			this.interval = interval;
		}

		void failed(Throwable ex) {
			if (!this.failing) {
				this.failing = true;
				logger.warn("Could not " + this.work + "; trying again every " + this.interval.toMillis() + " ms", ex);
			}
			else {
				logger.debug("Could still not " + this.work, ex);
			}
		}

		void over() {
			if (this.failing) {
				this.failing = false;
				logger.info("Could " + this.work + " again");
			}
		}

	}

}
