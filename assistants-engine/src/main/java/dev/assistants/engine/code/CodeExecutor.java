package dev.assistants.engine.code;

import java.util.Set;

import reactor.core.publisher.Mono;

/**
 * Runs the code a model writes for the {@code code_interpreter} tool, in sessions: a session keeps
 * its variables, imports and files ({@code /mnt/data}) from one execution to the next, and is the
 * sandbox its code cannot leave. The engine gives each thread one session.
 * <p>
 * An execution that fails (a traceback), runs past its time, or prints too much still has a
 * {@link CodeResult}: its logs say what happened, as the model needs to know. Only an executor that
 * cannot run the code at all (no session could start) signals a {@link CodeExecutionException}.
 */
public interface CodeExecutor {

	/**
	 * Run code in a session, starting the session first if this executor does not have it (any
	 * more); the files it is given are in its {@code /mnt/data} before the code runs. Cancelling
	 * the returned {@code Mono} interrupts the execution.
	 * @param execution the session, the code and the files
	 * @return the result, with the ID of the session that ran the code
	 */
	Mono<CodeResult> execute(CodeExecution execution);

	/**
	 * The sessions this executor keeps alive.
	 * @return their IDs
	 */
	Set<String> sessions();

	/**
	 * End a session, if this executor has it: its process stops and its files are deleted.
	 * @param sessionId the session
	 */
	void close(String sessionId);

}
