package dev.assistants.engine;

import tools.jackson.databind.node.ObjectNode;

/**
 * An event of a run, as streamed: its name ({@code thread.run.completed}, ...) and the object as
 * it was at that moment.
 */
record RunEvent(String name, ObjectNode data) {

	static RunEvent of(String name, ObjectNode object) {
		return new RunEvent(name, ApiObjects.publicView(object));
	}

}
