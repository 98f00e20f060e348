package dev.assistants.engine.code;

import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Code to run in a session.
 *
 * @param sessionId the session that ran the thread's code before, if any: the executor continues it
 * if it still has it, else it starts a new one
 * @param code the code, Python
 * @param files the files the code may read at {@code /mnt/data/<filename>}; an executor puts each
 * in a session once
 */
public record CodeExecution(@Nullable String sessionId, String code, List<CodeFile> files) {

	public CodeExecution {
		Objects.requireNonNull(code, "code must not be null");
		files = List.copyOf(files);
	}

}
