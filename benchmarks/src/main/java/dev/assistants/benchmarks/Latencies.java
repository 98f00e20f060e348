package dev.assistants.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The latencies of the calls one load made in its measured window, one recorder per caller so that
 * recording takes no lock: its rate and percentiles.
 */
final class Latencies {

	private final long[][] byCaller;

	private final int[] counts;

	Latencies(int callers) {
		this.byCaller = new long[callers][1024];
		this.counts = new int[callers];
	}

	/** Record a call of this caller; each caller records from one thread at a time. */
	void record(int caller, long nanos) {
		int count = this.counts[caller];
		if (count == this.byCaller[caller].length) {
			this.byCaller[caller] = Arrays.copyOf(this.byCaller[caller], count * 2);
		}
		this.byCaller[caller][count] = nanos;
		this.counts[caller] = count + 1;
	}

	/**
	 * The calls per second, p50 and p99 over a window this long, and the CPU time per call of the
	 * servers that answered them, when known.
	 */
	Summary summary(long windowNanos, @Nullable Duration serverCpu) {
		long[] all = new long[Arrays.stream(this.counts).sum()];
		int at = 0;
		for (int caller = 0; caller < this.counts.length; caller++) {
			System.arraycopy(this.byCaller[caller], 0, all, at, this.counts[caller]);
			at += this.counts[caller];
		}
		Arrays.sort(all);
		if (all.length == 0) {
			throw new IllegalStateException("No call completed in the measured window");
		}
		return new Summary(all.length * (double) TimeUnit.SECONDS.toNanos(1) / windowNanos,
				all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6,
				(serverCpu != null) ? serverCpu.toNanos() / 1e3 / all.length : Double.NaN);
	}

	/**
	 * @param perSecond the calls per second
	 * @param p50 the median latency in milliseconds
	 * @param p99 the 99th percentile in milliseconds
	 * @param serverCpuMicros the servers' CPU time per call in microseconds, or {@code NaN} where no
	 * server answered
	 */
	record Summary(double perSecond, double p50, double p99, double serverCpuMicros) {

		String row() {
			return String.format(Locale.ROOT, "%,.0f | %.2f | %.2f | %s", this.perSecond, this.p50, this.p99,
					Double.isNaN(this.serverCpuMicros) ? "–"
							: String.format(Locale.ROOT, "%,.0f", this.serverCpuMicros));
		}

	}

}
