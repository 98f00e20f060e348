package dev.assistants.benchmarks;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks (or those matching the first argument) and prints each figure beside the
 * raw floor's and openai-java's, with the ratios.
 */
public final class RunBenchmarks {

	private RunBenchmarks() {
	}

	public static void main(String[] args) throws RunnerException {
		Options options = new OptionsBuilder().include((args.length > 0) ? args[0] : RunBenchmarks.class.getPackageName())
			.forks(1)
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.addProfiler(GCProfiler.class)
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
				client = "starter " + result.getParams().getParam("starter");
			}
			byBenchmark.computeIfAbsent(benchmark, (key) -> new LinkedHashMap<>()).put(client, result);
		}
		System.out.println();
		System.out.printf(Locale.ROOT, "%-38s %-18s %14s %-10s %14s %10s %12s%n", "benchmark", "client", "score",
				"unit", "alloc B/op", "vs raw", "vs openai");
		byBenchmark.forEach((benchmark, clients) -> clients.forEach((client, result) -> {
			Result<?> primary = result.getPrimaryResult();
			Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
			System.out.printf(Locale.ROOT, "%-38s %-18s %14.2f %-10s %14s %10s %12s%n", benchmark, client,
					primary.getScore(), primary.getScoreUnit(),
					(alloc != null) ? String.format(Locale.ROOT, "%.0f", alloc.getScore()) : "-",
					ratio(result, clients.get("raw")), ratio(result, clients.get("openai-java")));
		}));
	}

	/** Score over the baseline's: for a time, lower is better; for a rate, higher is. */
	private static String ratio(RunResult result, RunResult baseline) {
		if (baseline == null || baseline == result) {
			return "-";
		}
		return String.format(Locale.ROOT, "%.2fx", result.getPrimaryResult().getScore()
				/ baseline.getPrimaryResult().getScore());
	}

}
