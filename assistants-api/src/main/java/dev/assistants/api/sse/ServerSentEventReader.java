package dev.assistants.api.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.PooledDataBuffer;

/**
 * Splits the bytes of one {@code text/event-stream} response into events (the Assistants API's run
 * streams, Chat Completions' answers), as the HTML standard's
 * event stream interpretation does: a leading byte order mark is dropped; lines end with CRLF, LF or
 * CR; {@code event} names the event and {@code data} lines are joined with LF; comments and other
 * fields are skipped; a blank line ends an event. An event's data is handed on as a slice of the bytes received, never as a string, so that
 * it is decoded straight from them.
 * <p>
 * One reader per response: it keeps the unfinished line between chunks. A line or an event's data
 * longer than the limit fails the stream instead of growing without bound.
 */
public final class ServerSentEventReader {

	private static final byte[] NO_BYTES = {};

	private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BYTE_ORDER_MARK = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	private final int maxSize;

	private byte[] unfinishedLine = NO_BYTES;

	private boolean afterCarriageReturn;

	private boolean firstLine = true;

	private @Nullable String name;

	private byte @Nullable [] data;

	private int dataOffset;

	private int dataLength;

	/**
	 * A reader for one response.
	 * @param maxSize the most bytes a line or an event's data may take
	 */
	public ServerSentEventReader(int maxSize) {
		this.maxSize = maxSize;
	}

	/**
	 * The events that the given bytes complete, in order.
	 * @param chunk the next bytes of the stream; the reader keeps a reference to it
	 * @return the completed events
	 */
	public List<Event> read(byte[] chunk) {
		List<Event> events = new ArrayList<>();
		int lineStart = 0;
		for (int i = 0; i < chunk.length; i++) {
			byte b = chunk[i];
			if (this.afterCarriageReturn) {
				this.afterCarriageReturn = false;
				if (b == '\n') {
					lineStart = i + 1;
					continue;
				}
			}
			if (b == '\n' || b == '\r') {
				line(chunk, lineStart, i, events);
				lineStart = i + 1;
				this.afterCarriageReturn = (b == '\r');
			}
		}
		if (lineStart < chunk.length) {
			this.unfinishedLine = concat(this.unfinishedLine, chunk, lineStart, chunk.length - lineStart);
		}
		return events;
	}

	/**
	 * The events that the given buffer's bytes complete, in order. The bytes are copied and the
	 * buffer released at once.
	 * @param buffer the next bytes of the stream
	 * @return the completed events
	 */
	public List<Event> read(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return read(bytes);
		}
		finally {
			if (buffer instanceof PooledDataBuffer pooled && pooled.isAllocated()) {
				pooled.release();
			}
		}
	}

	/**
	 * The event the stream ended in without its blank line, if any: servers that omit the last
	 * blank line lose nothing.
	 * @return the last event, or none
	 */
	public List<Event> finish() {
		List<Event> events = new ArrayList<>(1);
		if (this.unfinishedLine.length > 0) {
			line(NO_BYTES, 0, 0, events);
		}
		dispatch(events);
		return events;
	}

	private void line(byte[] chunk, int start, int end, List<Event> events) {
		byte[] bytes = chunk;
		int from = start;
		int to = end;
		if (this.unfinishedLine.length > 0) {
			bytes = concat(this.unfinishedLine, chunk, start, end - start);
			from = 0;
			to = bytes.length;
			this.unfinishedLine = NO_BYTES;
		}
		if (this.firstLine) {
			this.firstLine = false;
			if (Arrays.equals(BYTE_ORDER_MARK, 0, 3, bytes, from, Math.min(from + 3, to))) {
				from += 3;
			}
		}
		if (from == to) {
			dispatch(events);
		}
		else if (bytes[from] != ':') {
			field(bytes, from, to);
		}
	}

	private void field(byte[] line, int from, int to) {
		int colon = from;
		while (colon < to && line[colon] != ':') {
			colon++;
		}
		int value = Math.min(colon + 1, to);
		if (value < to && line[value] == ' ') {
			value++;
		}
		if (is(EVENT, line, from, colon)) {
			this.name = new String(line, value, to - value, StandardCharsets.UTF_8);
		}
		else if (is(DATA, line, from, colon)) {
			data(line, value, to - value);
		}
	}

	private void data(byte[] line, int offset, int length) {
		if (this.data == null) {
			this.data = line;
			this.dataOffset = offset;
			this.dataLength = length;
			return;
		}
		checkSize(this.dataLength + 1 + length);
		byte[] joined = Arrays.copyOfRange(this.data, this.dataOffset, this.dataOffset + this.dataLength + 1 + length);
		joined[this.dataLength] = '\n';
		System.arraycopy(line, offset, joined, this.dataLength + 1, length);
		this.data = joined;
		this.dataOffset = 0;
		this.dataLength = joined.length;
	}

	private void dispatch(List<Event> events) {
		if (this.name != null || this.data != null) {
			events.add(new Event((this.name != null) ? this.name : "message",
					(this.data != null) ? this.data : NO_BYTES, this.dataOffset, this.dataLength));
		}
		this.name = null;
		this.data = null;
		this.dataOffset = 0;
		this.dataLength = 0;
	}

	private byte[] concat(byte[] first, byte[] second, int offset, int length) {
		checkSize(first.length + length);
		byte[] joined = Arrays.copyOf(first, first.length + length);
		System.arraycopy(second, offset, joined, first.length, length);
		return joined;
	}

	private void checkSize(int size) {
		if (size > this.maxSize) {
			throw new DataBufferLimitException("Exceeded limit on max bytes per server-sent event: " + this.maxSize);
		}
	}

	private static boolean is(byte[] field, byte[] line, int from, int to) {
		return Arrays.equals(field, 0, field.length, line, from, to);
	}

	/**
	 * One event: its name ({@code message} if it has none) and its data, a slice of a byte array
	 * that nothing writes to any more.
	 *
	 * @param name the event's name
	 * @param bytes the array holding the data
	 * @param offset where the data starts in it
	 * @param length the data's length in bytes
	 */
	public record Event(String name, byte[] bytes, int offset, int length) {

		/**
		 * The data as text.
		 * @return the data, decoded from UTF-8
		 */
		public String text() {
			return new String(this.bytes, this.offset, this.length, StandardCharsets.UTF_8);
		}

	}

}
