package dev.assistants.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Single calls, one at a time and 64 in flight, by each client against the same local server. Each
 * benchmark method blocks until its calls complete: JMH measures a method from call to return, and
 * the blocking happens on JMH's own threads, never on an event loop. The long warm-up is needed:
 * with two cores, the JIT still compiles the WebClient path after ten seconds of calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Warmup(iterations = 30, time = 1)
@Measurement(iterations = 10, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CallBenchmarks extends ServerAndClient {

	static final int IN_FLIGHT = 64;

	@Param({ "assistants", "raw", "webclient", "openai-java" })
	public String client;

	@Override
	String client() {
		return this.client;
	}

	@Benchmark
	public Object getRun() {
		return this.calls.getRun().block();
	}

	@Benchmark
	public Object createMessage() {
		return this.calls.createMessage().block();
	}

	@Benchmark
	public Object listMessages() {
		return this.calls.listMessages().block();
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public Object getRun64() {
		return inFlight(BenchmarkClient::getRun);
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public Object createMessage64() {
		return inFlight(BenchmarkClient::createMessage);
	}

	@Benchmark
	@OperationsPerInvocation(IN_FLIGHT)
	public Object listMessages64() {
		return inFlight(BenchmarkClient::listMessages);
	}

	private Object inFlight(Function<BenchmarkClient, Mono<?>> call) {
		return Flux.range(0, IN_FLIGHT).flatMap((i) -> call.apply(this.calls), IN_FLIGHT).blockLast();
	}

}
