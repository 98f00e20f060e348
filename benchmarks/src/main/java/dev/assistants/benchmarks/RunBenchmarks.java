package dev.assistants.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks (or those matching the first argument) and prints each figure beside the
 * raw floor's and openai-java's, with the ratios.
 */
public final class RunBenchmarks {

	private static final String ALLOCATION = "gc.alloc.rate.norm";

	private RunBenchmarks() {
	}

	public static void main(String[] args) throws RunnerException {
		Options options = new OptionsBuilder().include((args.length > 0) ? args[0] : RunBenchmarks.class.getPackageName())
			.forks(1)
			.addProfiler(GCProfiler.class)
			.addProfiler(CpuTimeProfiler.class)
			.shouldFailOnError(true)
			.build();
		print(new Runner(options).run());
	}

	private static void print(Collection<RunResult> results) {
		Map<String, Map<String, RunResult>> byBenchmark = new LinkedHashMap<>();
		for (RunResult result : results) {
			String benchmark = result.getParams().getBenchmark().replace(RunBenchmarks.class.getPackageName() + ".", "");
			String client = result.getParams().getParam("client");
			if (client == null) {
				client = "starter " + result.getParams().getParam("starter") + ", actuator "
						+ result.getParams().getParam("actuator");
			}
			byBenchmark.computeIfAbsent(benchmark, (key) -> new LinkedHashMap<>()).put(client, result);
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "%-36s %-34s %12s %-8s %12s %12s %9s %9s %9s %10s%n", "benchmark", "client",
				"score", "unit", "cpu ns/op", "alloc B/op", "vs raw", "cpu", "alloc", "vs openai");
		byBenchmark.forEach((benchmark, clients) -> clients.forEach((client, result) -> {
			Result<?> primary = result.getPrimaryResult();
			RunResult raw = clients.get("raw");
			System.out.printf(Locale.ROOT, "%-36s %-34s %12.2f %-8s %12s %12s %9s %9s %9s %10s%n", benchmark, client,
					primary.getScore(), primary.getScoreUnit(), secondary(result, CpuTimeProfiler.RESULT),
					secondary(result, ALLOCATION), ratio(result, raw, null), ratio(result, raw, CpuTimeProfiler.RESULT),
					ratio(result, raw, ALLOCATION), ratio(result, clients.get("openai-java"), null));
		}));
	}

	private static String secondary(RunResult result, String name) {
		Result<?> secondary = result.getSecondaryResults().get(name);
		return (secondary != null) ? String.format(Locale.ROOT, "%.0f", secondary.getScore()) : "-";
	}

	/**
	 * The result's score (or secondary result) over the baseline's: for a time, lower is better;
	 * for a rate, higher is.
	 */
	private static String ratio(RunResult result, @Nullable RunResult baseline, @Nullable String secondary) {
		if (baseline == null || baseline == result) {
			return "-";
		}
		Result<?> score = (secondary != null) ? result.getSecondaryResults().get(secondary) : result.getPrimaryResult();
		Result<?> base = (secondary != null) ? baseline.getSecondaryResults().get(secondary)
				: baseline.getPrimaryResult();
		return (score != null && base != null) ? String.format(Locale.ROOT, "%.2fx", score.getScore() / base.getScore())
				: "-";
	}

}
