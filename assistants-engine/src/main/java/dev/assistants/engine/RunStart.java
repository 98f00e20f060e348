package dev.assistants.engine;

import java.util.List;

import tools.jackson.databind.node.ObjectNode;

/**
 * A run that was created or given its tool outputs and now goes on: the events so far, and whether
 * the caller asked to stream the rest.
 *
 * @param run the run
 * @param object the run as it is now, as the answer to a caller that does not stream
 * @param events the events so far, for a caller that streams
 * @param streamed whether the request had {@code stream: true}
 */
record RunStart(RunRef run, ObjectNode object, List<RunEvent> events, boolean streamed) {
}
