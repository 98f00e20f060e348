package dev.assistants.store.postgresql;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.assistants.engine.Api;
import dev.assistants.engine.EngineContractTests;
import dev.assistants.engine.EngineServer;
import dev.assistants.engine.TestModel;
import dev.assistants.engine.store.AssistantsStore;
import dev.assistants.engine.store.ObjectKind;
import dev.assistants.engine.store.RunLease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The engine's contract on PostgreSQL, and what only a database gives: everything written survives
 * a restart, runs a stopped server left under way are picked up by the next, and a lease renewal
 * concurrent with a transaction sees what it committed.
 */
class PostgresStoreContractTests extends EngineContractTests {

	private static HikariDataSource dataSource;

	private static PostgresStore store;

	@BeforeAll
	static void connect() {
		dataSource = TestDatabase.newDataSource();
		store = new PostgresStore(dataSource);
	}

	@AfterAll
	static void disconnect() {
		dataSource.close();
	}

	@Override
	protected AssistantsStore store() {
		return store;
	}

	@Test
	void everythingWrittenSurvivesARestart() {
		String assistantId = this.api.ok("POST", "/assistants", "{\"model\":\"gpt-4o\",\"name\":\"Keeper\",\"metadata\":{\"a\":\"1\"}}")
			.path("id")
			.asString();
		String threadId = thread("Remember me");
		this.model.thenCall("lookup", "{\"q\":\"x\"}");
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id")
			.asString();
		JsonNode run = this.api.awaitRun(threadId, runId, "requires_action");
		submit(threadId, run, "found");
		this.api.awaitRun(threadId, runId, "completed");
		String[] paths = { "/assistants/" + assistantId, "/assistants", "/threads/" + threadId,
				"/threads/" + threadId + "/messages?order=asc", "/threads/" + threadId + "/runs/" + runId,
				"/threads/" + threadId + "/runs", "/threads/" + threadId + "/runs/" + runId + "/steps?order=asc" };
		JsonNode[] before = new JsonNode[paths.length];
		for (int i = 0; i < paths.length; i++) {
			before[i] = this.api.ok("GET", paths[i], null);
		}
		this.server.close();

		try (HikariDataSource otherPool = TestDatabase.newDataSource();
				EngineServer restarted = new EngineServer(new PostgresStore(otherPool), new TestModel())) {
			Api again = Api.withKey(restarted.baseUrl(), this.api.key());
			for (int i = 0; i < paths.length; i++) {
				assertThat(again.ok("GET", paths[i], null)).as(paths[i]).isEqualTo(before[i]);
			}
		}
		this.server = new EngineServer(store, this.model);
	}

	@Test
	void theNextServerFailsARunThatWasInProgressAndExecutesOneThatWasQueued() {
		String assistantId = assistant();
		String interruptedThread = thread("Interrupted");
		this.model.thenWait();
		String interrupted = this.api.ok("POST", "/threads/" + interruptedThread + "/runs",
				"{\"assistant_id\":\"" + assistantId + "\"}").path("id").asString();
		this.api.awaitRun(interruptedThread, interrupted, "in_progress");
		String queuedThread = thread("Queued");
		this.model.thenWait();
		String queued = this.api.ok("POST", "/threads/" + queuedThread + "/runs", "{\"assistant_id\":\"" + assistantId + "\"}")
			.path("id")
			.asString();
		this.api.awaitRun(queuedThread, queued, "in_progress");
		this.server.close();
		String project = this.api.key().substring(EngineServer.KEY_PREFIX.length());
		store.inTransaction((tx) -> {
			ObjectNode run = tx.lock(ObjectKind.RUN, project, queued).orElseThrow();
			run.put("status", "queued");
			tx.update(ObjectKind.RUN, project, run);
			return run;
		});

		try (EngineServer restarted = new EngineServer(new PostgresStore(dataSource), new TestModel())) {
			restarted.engine().resumeInterruptedRuns();
			Api again = Api.withKey(restarted.baseUrl(), this.api.key());
			JsonNode failed = again.awaitRun(interruptedThread, interrupted, "failed");
			assertThat(failed.at("/last_error/code").asString()).isEqualTo("server_error");
			assertThat(failed.at("/last_error/message").asString()).contains("interrupted");
			assertThat(again.ok("GET", "/threads/" + interruptedThread + "/messages?run_id=" + interrupted, null)
				.at("/data/0/status").asString()).isEqualTo("incomplete");
			assertThat(again.awaitRun(queuedThread, queued, "completed").path("usage").isNull()).isFalse();
		}
		this.server = new EngineServer(store, this.model);
	}

	@Test
	void aLeaseRenewalThatWaitsForTheTransactionStoppingARunSeesItStopped() throws Exception {
		String threadId = thread("Hello");
		this.model.thenWait();
		String runId = this.api.ok("POST", "/threads/" + threadId + "/runs", "{\"assistant_id\":\"" + assistant() + "\"}")
			.path("id")
			.asString();
		this.api.awaitRun(threadId, runId, "in_progress");
		String project = this.api.key().substring(EngineServer.KEY_PREFIX.length());
		store.inTransaction((tx) -> {
			tx.leaseRun(runId, "engine-a", Duration.ofMinutes(1));
			return null;
		});
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch commit = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> completing = threads.submit(() -> store.inTransaction((tx) -> {
				ObjectNode run = tx.lock(ObjectKind.RUN, project, runId).orElseThrow();
				run.put("status", "completed");
				tx.update(ObjectKind.RUN, project, run);
				locked.countDown();
				await(commit);
				return null;
			}));
			locked.await();
			Future<Map<String, RunLease>> renewal = threads.submit(() -> store
				.inTransaction((tx) -> tx.renewRunLeases("engine-a", List.of(runId), Duration.ofMinutes(1))));
			Thread.sleep(300);
			assertThat(renewal).as("the renewal waits for the run's lock").isNotDone();
			commit.countDown();
			completing.get(10, TimeUnit.SECONDS);
			assertThat(renewal.get(10, TimeUnit.SECONDS)).containsExactly(entry(runId, new RunLease("completed", false)));
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
