package dev.assistants.engine.model;

import reactor.core.publisher.Flux;

/**
 * What answers the turns of runs. A turn starts when a run starts and again after each
 * submission of tool outputs; the model sees the run's settings, the thread's messages and the
 * run's earlier steps, and answers with text, function calls, or both, as they are produced.
 * <p>
 * The engine subscribes once per turn and cancels the subscription when the run is cancelled or
 * expires meanwhile, so an adapter should stop its upstream call on cancel. A model that fails
 * signals a {@link ModelException}; any other error fails the run with {@code server_error}.
 */
@FunctionalInterface
public interface AssistantModel {

	/**
	 * Answer one turn of a run.
	 * @param request the run, the thread's messages and the run's steps so far
	 * @return the answer, ending with one {@link ModelOutput.Finish}
	 */
	Flux<ModelOutput> respond(ModelRequest request);

}
