package dev.assistants.code.jupyter;

import java.time.Duration;
import java.util.Objects;

import tools.jackson.databind.node.JsonNodeFactory;

/**
 * What a session's kernel may use.
 *
 * @param executionTimeout the longest an execution runs before it is interrupted
 * @param startTimeout the longest a session takes to start
 * @param memory the kernel's address space, in bytes
 * @param cpuTime the CPU time of each process of a session: its kernel's, all its executions together
 * @param processes the most processes and threads in a session's sandbox
 * @param maxFileSize the largest file the code may write, in bytes
 * @param maxOutput the most characters of logs an execution keeps
 * @param maxImages the most images an execution keeps
 * @param maxImageBytes the largest image kept, in bytes
 */
record KernelLimits(Duration executionTimeout, Duration startTimeout, long memory, Duration cpuTime, int processes,
		long maxFileSize, int maxOutput, int maxImages, int maxImageBytes) {

	/** The largest line the driver may write: a result with all its images, in base64, and its logs. */
	long maxReplyBytes() {
		return (long) this.maxImages * (this.maxImageBytes / 3 + 1) * 4 + (long) this.maxOutput * 6 + 1024 * 1024;
	}

	/** The limits as the driver reads them. */
	String toJson() {
		return JsonNodeFactory.instance.objectNode()
			.put("memory", this.memory)
			.put("cpu_seconds", this.cpuTime.toSeconds())
			.put("processes", this.processes)
			.put("file_size", this.maxFileSize)
			.toString();
	}

	/** The duration, checked to be positive, for a builder's setting of that name. */
	static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name + " must not be null");
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + duration);
		}
		return duration;
	}

	/** The number, checked to be at least one, for a builder's setting of that name. */
	static int atLeastOne(int value, String name) {
		return (int) atLeastOne((long) value, name);
	}

	/** The number, checked to be at least one, for a builder's setting of that name. */
	static long atLeastOne(long value, String name) {
		if (value < 1) {
			throw new IllegalArgumentException(name + " must be at least 1 but was " + value);
		}
		return value;
	}

}
