package dev.assistants.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A run stream of 10,000 message deltas plus lifecycle events, decoded to typed events: events per
 * second, and the time to the first event.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamBenchmarks {

	@Param({ "assistants", "raw" })
	public String client;

	private BenchmarkServer server;

	private BenchmarkClient calls;

	@Setup(Level.Trial)
	public void start() {
		this.server = new BenchmarkServer();
		this.calls = BenchmarkClient.create(this.client, this.server.baseUrl());
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.calls.close();
		this.server.close();
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OperationsPerInvocation(BenchmarkServer.STREAM_EVENTS)
	public long decodeEvents() {
		long events = this.calls.streamRun().count().block();
		if (events != BenchmarkServer.STREAM_EVENTS) {
			throw new IllegalStateException("Expected " + BenchmarkServer.STREAM_EVENTS + " events but got " + events);
		}
		return events;
	}

	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object firstEvent() {
		return this.calls.streamRun().next().block();
	}

}
