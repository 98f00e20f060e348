package dev.assistants.engine;

import tools.jackson.databind.node.ObjectNode;

/**
 * Which run: its project, its thread and its ID.
 */
record RunRef(String project, String threadId, String runId) {

	static RunRef of(String project, ObjectNode run) {
		return new RunRef(project, run.path("thread_id").asString(), ApiObjects.id(run));
	}

}
