package dev.assistants.client;

import java.util.Collection;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import dev.assistants.api.AssistantObject;
import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.CreateAssistantRequest;
import dev.assistants.api.CreateMessageRequest;
import dev.assistants.api.CreateRunRequest;
import dev.assistants.api.CreateThreadAndRunRequest;
import dev.assistants.api.CreateThreadRequest;
import dev.assistants.api.DeleteAssistantResponse;
import dev.assistants.api.DeleteMessageResponse;
import dev.assistants.api.DeleteThreadResponse;
import dev.assistants.api.ListAssistantsResponse;
import dev.assistants.api.ListMessagesResponse;
import dev.assistants.api.ListRunStepsResponse;
import dev.assistants.api.ListRunsResponse;
import dev.assistants.api.MessageObject;
import dev.assistants.api.ModifyAssistantRequest;
import dev.assistants.api.ModifyMessageRequest;
import dev.assistants.api.ModifyRunRequest;
import dev.assistants.api.ModifyThreadRequest;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStatus;
import dev.assistants.api.RunStepInclude;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.SubmitToolOutputsRunRequest;
import dev.assistants.api.ThreadObject;

/**
 * The operations of the OpenAI Assistants API v2, one method per operation of the API, named after
 * the specification's operation IDs.
 * <p>
 * Every method is non-blocking: nothing is sent until the returned {@link Mono} is subscribed to.
 * Invalid arguments (a blank ID, a {@code limit} outside 1 to 100, a missing required field) throw
 * {@link IllegalArgumentException} naming the parameter, before anything is sent. Failures are
 * signalled as {@link AssistantsException}: {@link AssistantsApiException} and its subtypes for an
 * error status, {@link AssistantsConnectionException} and {@link AssistantsTimeoutException} when
 * the server cannot be reached or does not answer in time, and {@link InvalidResponseException}
 * when an answer cannot be read.
 *
 * @see AssistantsTemplate
 */
public interface AssistantsOperations {

	// Assistants

	/**
	 * Create an assistant ({@code POST /assistants}).
	 * @param request the assistant to create
	 * @return the created assistant
	 */
	Mono<AssistantObject> createAssistant(CreateAssistantRequest request);

	/**
	 * Retrieve an assistant ({@code GET /assistants/{assistant_id}}).
	 * @param assistantId the ID of the assistant
	 * @return the assistant
	 */
	Mono<AssistantObject> getAssistant(String assistantId);

	/**
	 * List assistants ({@code GET /assistants}).
	 * @param query the page to list
	 * @return a page of assistants
	 */
	Mono<ListAssistantsResponse> listAssistants(ListQuery query);

	/**
	 * List the first page of assistants with the server's defaults (20, newest first).
	 * @return a page of assistants
	 */
	default Mono<ListAssistantsResponse> listAssistants() {
		return listAssistants(ListQuery.DEFAULT);
	}

	/**
	 * Modify an assistant ({@code POST /assistants/{assistant_id}}).
	 * @param assistantId the ID of the assistant
	 * @param request the fields to change
	 * @return the modified assistant
	 */
	Mono<AssistantObject> modifyAssistant(String assistantId, ModifyAssistantRequest request);

	/**
	 * Delete an assistant ({@code DELETE /assistants/{assistant_id}}).
	 * @param assistantId the ID of the assistant
	 * @return the deletion status
	 */
	Mono<DeleteAssistantResponse> deleteAssistant(String assistantId);

	// Threads

	/**
	 * Create a thread ({@code POST /threads}).
	 * @param request the thread to create
	 * @return the created thread
	 */
	Mono<ThreadObject> createThread(CreateThreadRequest request);

	/**
	 * Create an empty thread.
	 * @return the created thread
	 */
	default Mono<ThreadObject> createThread() {
		return createThread(CreateThreadRequest.builder().build());
	}

	/**
	 * Retrieve a thread ({@code GET /threads/{thread_id}}).
	 * @param threadId the ID of the thread
	 * @return the thread
	 */
	Mono<ThreadObject> getThread(String threadId);

	/**
	 * Modify a thread ({@code POST /threads/{thread_id}}).
	 * @param threadId the ID of the thread
	 * @param request the fields to change
	 * @return the modified thread
	 */
	Mono<ThreadObject> modifyThread(String threadId, ModifyThreadRequest request);

	/**
	 * Delete a thread ({@code DELETE /threads/{thread_id}}).
	 * @param threadId the ID of the thread
	 * @return the deletion status
	 */
	Mono<DeleteThreadResponse> deleteThread(String threadId);

	// Messages

	/**
	 * Create a message ({@code POST /threads/{thread_id}/messages}).
	 * @param threadId the ID of the thread
	 * @param request the message to create
	 * @return the created message
	 */
	Mono<MessageObject> createMessage(String threadId, CreateMessageRequest request);

	/**
	 * Retrieve a message ({@code GET /threads/{thread_id}/messages/{message_id}}).
	 * @param threadId the ID of the thread
	 * @param messageId the ID of the message
	 * @return the message
	 */
	Mono<MessageObject> getMessage(String threadId, String messageId);

	/**
	 * List the messages of a thread ({@code GET /threads/{thread_id}/messages}).
	 * @param threadId the ID of the thread
	 * @param query the page to list, optionally only the messages of one run
	 * @return a page of messages
	 */
	Mono<ListMessagesResponse> listMessages(String threadId, MessageListQuery query);

	/**
	 * List a page of a thread's messages.
	 * @param threadId the ID of the thread
	 * @param query the page to list
	 * @return a page of messages
	 */
	default Mono<ListMessagesResponse> listMessages(String threadId, ListQuery query) {
		return listMessages(threadId, MessageListQuery.of(query));
	}

	/**
	 * List the first page of a thread's messages with the server's defaults (20, newest first).
	 * @param threadId the ID of the thread
	 * @return a page of messages
	 */
	default Mono<ListMessagesResponse> listMessages(String threadId) {
		return listMessages(threadId, MessageListQuery.DEFAULT);
	}

	/**
	 * Modify a message ({@code POST /threads/{thread_id}/messages/{message_id}}).
	 * @param threadId the ID of the thread
	 * @param messageId the ID of the message
	 * @param request the fields to change
	 * @return the modified message
	 */
	Mono<MessageObject> modifyMessage(String threadId, String messageId, ModifyMessageRequest request);

	/**
	 * Delete a message ({@code DELETE /threads/{thread_id}/messages/{message_id}}).
	 * @param threadId the ID of the thread
	 * @param messageId the ID of the message
	 * @return the deletion status
	 */
	Mono<DeleteMessageResponse> deleteMessage(String threadId, String messageId);

	// Runs

	/**
	 * Create a run ({@code POST /threads/{thread_id}/runs}).
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @param include additional fields to include in the run's steps
	 * @return the created run
	 */
	Mono<RunObject> createRun(String threadId, CreateRunRequest request, Collection<RunStepInclude> include);

	/**
	 * Create a run.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the created run
	 * @see #createRun(String, CreateRunRequest, Collection)
	 */
	default Mono<RunObject> createRun(String threadId, CreateRunRequest request) {
		return createRun(threadId, request, List.of());
	}

	/**
	 * Create a run and stream its events as they happen ({@code POST /threads/{thread_id}/runs} with
	 * {@code stream: true}). The {@link Flux} completes after the server's {@code done} event (which
	 * is not emitted); an {@code error} event fails it with an {@link AssistantsStreamException}; a
	 * silence longer than the idle timeout fails it with an {@link AssistantsTimeoutException}.
	 * Cancelling the subscription closes the connection.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the run's events
	 */
	Flux<AssistantStreamEvent> createRunStream(String threadId, CreateRunRequest request);

	/**
	 * Create a thread and run it in one request ({@code POST /threads/runs}).
	 * @param request the thread and the run to create
	 * @return the created run
	 */
	Mono<RunObject> createThreadAndRun(CreateThreadAndRunRequest request);

	/**
	 * Create a thread and run it, streaming the events ({@code POST /threads/runs} with
	 * {@code stream: true}); see {@link #createRunStream(String, CreateRunRequest)}.
	 * @param request the thread and the run to create
	 * @return the events, starting with {@code thread.created}
	 */
	Flux<AssistantStreamEvent> createThreadAndRunStream(CreateThreadAndRunRequest request);

	/**
	 * Retrieve a run ({@code GET /threads/{thread_id}/runs/{run_id}}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @return the run
	 */
	Mono<RunObject> getRun(String threadId, String runId);

	/**
	 * List the runs of a thread ({@code GET /threads/{thread_id}/runs}).
	 * @param threadId the ID of the thread
	 * @param query the page to list
	 * @return a page of runs
	 */
	Mono<ListRunsResponse> listRuns(String threadId, ListQuery query);

	/**
	 * List the first page of a thread's runs with the server's defaults (20, newest first).
	 * @param threadId the ID of the thread
	 * @return a page of runs
	 */
	default Mono<ListRunsResponse> listRuns(String threadId) {
		return listRuns(threadId, ListQuery.DEFAULT);
	}

	/**
	 * Modify a run ({@code POST /threads/{thread_id}/runs/{run_id}}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param request the fields to change
	 * @return the modified run
	 */
	Mono<RunObject> modifyRun(String threadId, String runId, ModifyRunRequest request);

	/**
	 * Cancel a run that is {@code in_progress} ({@code POST /threads/{thread_id}/runs/{run_id}/cancel}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @return the run, usually {@code cancelling}
	 */
	Mono<RunObject> cancelRun(String threadId, String runId);

	/**
	 * Submit the outputs of the tool calls a run waits for, all in one request
	 * ({@code POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs}; the specification's
	 * operation ID is spelled {@code submitToolOuputsToRun}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run, whose status is {@code requires_action}
	 * @param request the outputs
	 * @return the resumed run
	 */
	Mono<RunObject> submitToolOutputsToRun(String threadId, String runId, SubmitToolOutputsRunRequest request);

	/**
	 * Submit tool outputs and stream the resumed run's events
	 * ({@code POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs} with {@code stream: true});
	 * see {@link #createRunStream(String, CreateRunRequest)}.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run, whose status is {@code requires_action}
	 * @param request the outputs
	 * @return the resumed run's events
	 */
	Flux<AssistantStreamEvent> submitToolOutputsToRunStream(String threadId, String runId,
			SubmitToolOutputsRunRequest request);

	// Run steps

	/**
	 * Retrieve a run step ({@code GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param stepId the ID of the step
	 * @param include additional fields to include
	 * @return the run step
	 */
	Mono<RunStepObject> getRunStep(String threadId, String runId, String stepId, Collection<RunStepInclude> include);

	/**
	 * Retrieve a run step.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param stepId the ID of the step
	 * @return the run step
	 * @see #getRunStep(String, String, String, Collection)
	 */
	default Mono<RunStepObject> getRunStep(String threadId, String runId, String stepId) {
		return getRunStep(threadId, runId, stepId, List.of());
	}

	/**
	 * List the steps of a run ({@code GET /threads/{thread_id}/runs/{run_id}/steps}).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param query the page to list
	 * @param include additional fields to include
	 * @return a page of run steps
	 */
	Mono<ListRunStepsResponse> listRunSteps(String threadId, String runId, ListQuery query,
			Collection<RunStepInclude> include);

	/**
	 * List the steps of a run.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param query the page to list
	 * @return a page of run steps
	 * @see #listRunSteps(String, String, ListQuery, Collection)
	 */
	default Mono<ListRunStepsResponse> listRunSteps(String threadId, String runId, ListQuery query) {
		return listRunSteps(threadId, runId, query, List.of());
	}

	/**
	 * List the first page of a run's steps with the server's defaults (20, newest first).
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @return a page of run steps
	 */
	default Mono<ListRunStepsResponse> listRunSteps(String threadId, String runId) {
		return listRunSteps(threadId, runId, ListQuery.DEFAULT, List.of());
	}

	// Polling

	/**
	 * Read a run until it stops: until its status is {@code requires_action}, {@code cancelled},
	 * {@code completed}, {@code failed}, {@code expired} or {@code incomplete}. Between two reads it
	 * waits the server's {@code openai-poll-after-ms}, else the configured interval
	 * ({@code openai.polling.interval}); past the configured deadline ({@code openai.polling.timeout})
	 * it fails with an {@link AssistantsTimeoutException}, cancelling the run first if so configured.
	 * Waits are on Reactor timers; cancelling the subscription stops polling.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @return the run in the status it stopped in
	 */
	Mono<RunObject> pollRun(String threadId, String runId);

	/**
	 * Read a run until it stops, with the given options.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param options how to poll
	 * @return the run in the status it stopped in
	 * @see #pollRun(String, String)
	 */
	Mono<RunObject> pollRun(String threadId, String runId, PollOptions options);

	/**
	 * Create a run and poll it until it stops; see {@link #pollRun(String, String)}.
	 * @param threadId the ID of the thread to run
	 * @param request the run to create
	 * @return the run in the status it stopped in
	 */
	Mono<RunObject> createRunAndPoll(String threadId, CreateRunRequest request);

	/**
	 * Create a thread and a run, and poll the run until it stops; see
	 * {@link #pollRun(String, String)}.
	 * @param request the thread and the run to create
	 * @return the run in the status it stopped in
	 */
	Mono<RunObject> createThreadAndRunAndPoll(CreateThreadAndRunRequest request);

	/**
	 * Submit tool outputs and poll the resumed run until it stops again; see
	 * {@link #pollRun(String, String)}.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run, whose status is {@code requires_action}
	 * @param request the outputs
	 * @return the run in the status it stopped in
	 */
	Mono<RunObject> submitToolOutputsAndPoll(String threadId, String runId, SubmitToolOutputsRunRequest request);

	/**
	 * Cancel every run of a thread that is still active ({@code queued}, {@code in_progress} or
	 * {@code requires_action}) and wait until each has stopped, so that messages can be added to the
	 * thread again (see {@link ActiveRunException}). A run that stops on its own before its cancel
	 * arrives (the server refuses the cancel with a 400 and the run is no longer active) counts as
	 * stopped.
	 * @param threadId the ID of the thread
	 * @return the runs that were active, in the status they stopped in
	 */
	default Flux<RunObject> cancelActiveRuns(String threadId) {
		return listAllRuns(threadId, ListQuery.limit(100))
			.filter((run) -> run.status().isActive())
			.concatMap((run) -> (run.status().equals(RunStatus.CANCELLING) ? Mono.<RunObject>empty()
					: cancelRun(threadId, run.id()).onErrorResume(BadRequestException.class,
							(ex) -> getRun(threadId, run.id())
								.flatMap((now) -> now.status().isActive() ? Mono.error(ex) : Mono.empty())))
				.then(pollRun(threadId, run.id())));
	}

	// Auto-pagination

	/**
	 * All assistants from the given page on, fetched page by page as the subscriber asks for more:
	 * each next page is requested with {@code after} set to the previous page's {@code last_id} (or
	 * its last object's ID, from a server that sends no {@code last_id}), until a page says
	 * {@code has_more: false}. A next page that does not move past its cursor (a server that
	 * ignores {@code after}) fails with an {@link InvalidResponseException}.
	 * @param query the first page, for example {@code ListQuery.limit(100)}
	 * @return the assistants
	 */
	default Flux<AssistantObject> listAllAssistants(ListQuery query) {
		return Pagination.all("listAllAssistants", query, this::listAssistants, AssistantObject::id);
	}

	/**
	 * All messages of a thread from the given page on, fetched page by page as the subscriber asks;
	 * see {@link #listAllAssistants(ListQuery)}.
	 * @param threadId the ID of the thread
	 * @param query the first page, optionally only the messages of one run
	 * @return the messages
	 */
	default Flux<MessageObject> listAllMessages(String threadId, MessageListQuery query) {
		return Pagination.all("listAllMessages", query.page(), (page) -> listMessages(threadId, query.withPage(page)),
				MessageObject::id);
	}

	/**
	 * All runs of a thread from the given page on, fetched page by page as the subscriber asks; see
	 * {@link #listAllAssistants(ListQuery)}.
	 * @param threadId the ID of the thread
	 * @param query the first page
	 * @return the runs
	 */
	default Flux<RunObject> listAllRuns(String threadId, ListQuery query) {
		return Pagination.all("listAllRuns", query, (page) -> listRuns(threadId, page), RunObject::id);
	}

	/**
	 * All steps of a run from the given page on, fetched page by page as the subscriber asks; see
	 * {@link #listAllAssistants(ListQuery)}.
	 * @param threadId the ID of the thread
	 * @param runId the ID of the run
	 * @param query the first page
	 * @return the run steps
	 */
	default Flux<RunStepObject> listAllRunSteps(String threadId, String runId, ListQuery query) {
		return Pagination.all("listAllRunSteps", query, (page) -> listRunSteps(threadId, runId, page), RunStepObject::id);
	}

}
