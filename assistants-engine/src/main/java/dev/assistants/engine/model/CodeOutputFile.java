package dev.assistants.engine.model;

import java.util.Objects;

/**
 * A file the code of a {@code code_interpreter} call wrote to {@code /mnt/data}, kept as a file
 * with purpose {@code assistants_output}: the answer links it as {@code sandbox:/mnt/data/<filename>}.
 *
 * @param callId the tool call whose code wrote it
 * @param filename its name in {@code /mnt/data}
 * @param fileId the file it became
 */
public record CodeOutputFile(String callId, String filename, String fileId) {

	public CodeOutputFile {
		Objects.requireNonNull(callId, "callId must not be null");
		Objects.requireNonNull(filename, "filename must not be null");
		Objects.requireNonNull(fileId, "fileId must not be null");
	}

}
