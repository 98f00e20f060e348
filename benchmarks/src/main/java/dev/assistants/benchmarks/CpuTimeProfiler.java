package dev.assistants.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import com.sun.management.OperatingSystemMXBean;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time the benchmark's JVM spends per operation, on all its threads (the client's event
 * loops, the caller, the garbage collector): since the server runs in another process, this is
 * what a call costs the application that makes it. Reported as {@code cpu.time.norm} in ns/op.
 */
public final class CpuTimeProfiler implements InternalProfiler {

	static final String RESULT = "cpu.time.norm";

	private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

	private long startNanos;

	@Override
	public String getDescription() {
		return "CPU time of the benchmark's process per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.startNanos = this.os.getProcessCpuTime();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long operations = result.getMetadata().getAllOps();
		double perOperation = (operations != 0) ? (double) (this.os.getProcessCpuTime() - this.startNanos) / operations
				: Double.NaN;
		return List.of(new ScalarResult(RESULT, perOperation, "ns/op", AggregationPolicy.AVG));
	}

}
