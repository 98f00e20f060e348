package dev.assistants.benchmarks;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The local server, in a process of its own, and the client under measurement, started for each
 * trial.
 */
abstract class ServerAndClient {

	private ServerProcess server;

	BenchmarkClient calls;

	/**
	 * The name of the client under measurement.
	 */
	abstract String client();

	@Setup(Level.Trial)
	public void start() {
		this.server = new ServerProcess();
		this.calls = BenchmarkClient.create(client(), this.server.baseUrl());
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.calls.close();
		this.server.close();
	}

}
