package dev.assistants.engine.code;

import java.util.List;
import java.util.Objects;

/**
 * What an execution gave.
 *
 * @param sessionId the session that ran the code: the one asked for, or a new one
 * @param logs what the code printed (standard output and error), the values it showed, and the
 * traceback of an error, as the model reads them; also what the executor did about a limit
 * @param images the PNG images the code displayed, such as charts
 * @param files the files in {@code /mnt/data} the code created or changed
 */
public record CodeResult(String sessionId, String logs, List<byte[]> images, List<CodeFile> files) {

	public CodeResult {
		Objects.requireNonNull(sessionId, "sessionId must not be null");
		Objects.requireNonNull(logs, "logs must not be null");
		images = List.copyOf(images);
		files = List.copyOf(files);
	}

}
