package dev.assistants.engine;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/**
 * What the engine does with a buffer it holds whole: takes its bytes and lets it go.
 */
final class Buffers {

	private Buffers() {
	}

	/** The buffer's readable bytes, copied; the buffer is released. */
	static byte[] take(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
