package dev.assistants.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A run stream of 10,000 message deltas plus lifecycle events, decoded to typed events: events per
 * second, and the time to the first event; and a short run stream read whole. The methods block until the stream (or its first event)
 * arrives, on JMH's own threads, so that JMH measures it.
 */
@State(Scope.Benchmark)
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 10, time = 1)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StreamBenchmarks extends ServerAndClient {

	@Param({ "assistants", "raw" })
	public String client;

	@Override
	String client() {
		return this.client;
	}

	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OperationsPerInvocation(BenchmarkServer.STREAM_EVENTS)
	public long decodeEvents() {
		long events = this.calls.streamRun(BenchmarkServer.LONG_RUN).count().block();
		if (events != BenchmarkServer.STREAM_EVENTS) {
			throw new IllegalStateException("Expected " + BenchmarkServer.STREAM_EVENTS + " events but got " + events);
		}
		return events;
	}

	/**
	 * Sampled, not averaged: one stream in a thousand waits milliseconds for its connection on these
	 * machines, and those few made the average swing by more than the gap between the clients.
	 */
	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object firstEvent() {
		return this.calls.streamRun(BenchmarkServer.LONG_RUN).next().block();
	}

	/**
	 * A whole short run stream, one after another: whether a stream's connection goes back to the
	 * pool shows here, as the next stream then needs no new connection.
	 */
	@Benchmark
	@BenchmarkMode(Mode.AverageTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Object shortRun() {
		return this.calls.streamRun(BenchmarkServer.SHORT_RUN).blockLast();
	}

}
