package dev.assistants.api.sse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.PooledDataBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link ServerSentEventReader}: the event stream rules of the HTML standard, however the
 * bytes are split into chunks.
 */
class ServerSentEventReaderTests {

	@Test
	void readsNamedEventsEndedByBlankLines() {
		assertThat(read("event: thread.run.created\ndata: {\"id\":\"run_1\"}\n\nevent: done\ndata: [DONE]\n\n"))
			.containsExactly("thread.run.created={\"id\":\"run_1\"}", "done=[DONE]");
	}

	@Test
	void acceptsEveryLineEnding() {
		assertThat(read("event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n"))
			.containsExactly("a=1", "b=2", "c=3");
	}

	@Test
	void joinsDataLinesWithLineFeeds() {
		assertThat(read("event: a\ndata: first\ndata:second\ndata\ndata: third\n\n"))
			.containsExactly("a=first\nsecond\n\nthird");
	}

	@Test
	void takesAtMostOneSpaceAfterTheColon() {
		assertThat(read("event:a\ndata:  two spaces\n\n")).containsExactly("a= two spaces");
	}

	@Test
	void namesAnEventWithoutNameMessage() {
		assertThat(read("data: hello\n\n")).containsExactly("message=hello");
	}

	@Test
	void keepsAnEventWithANameButNoData() {
		assertThat(read("event: done\n\n")).containsExactly("done=");
	}

	@Test
	void skipsCommentsOtherFieldsAndEmptyEvents() {
		assertThat(read(": keep-alive\n\nid: 7\nretry: 1000\n\n\n\nevent: a\n: note\nid: 8\ndata: 1\n\n"))
			.containsExactly("a=1");
	}

	@Test
	void dropsALeadingByteOrderMarkOnly() {
		assertThat(read("\uFEFFevent: a\ndata: 1\n\n\uFEFFevent: b\ndata: 2\n\n")).containsExactly("a=1", "message=2");
	}

	@Test
	void laterEventNameWins() {
		assertThat(read("event: a\nevent: b\ndata: 1\n\n")).containsExactly("b=1");
	}

	@Test
	void dispatchesAnEventTheStreamEndsInWithoutItsBlankLine() {
		assertThat(read("event: a\ndata: 1\n\nevent: done\ndata: [DONE]")).containsExactly("a=1", "done=[DONE]");
		assertThat(read("event: a\ndata: 1\n")).containsExactly("a=1");
	}

	@Test
	void givesTheSameEventsHoweverTheBytesAreSplit() {
		String stream = "\uFEFFevent: a\r\ndata: {\"text\":\"grüße 你好 🎉\"}\r\n\r\n: comment\nevent: b\rdata: x\rdata: y\r\r"
				+ "event: c\ndata: z\n\n";
		byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
		List<String> whole = read(stream);
		assertThat(whole).containsExactly("a={\"text\":\"grüße 你好 🎉\"}", "b=x\ny", "c=z");
		for (int first = 0; first <= bytes.length; first++) {
			for (int second = first; second <= bytes.length; second++) {
				assertThat(read(Arrays.copyOfRange(bytes, 0, first), Arrays.copyOfRange(bytes, first, second),
						Arrays.copyOfRange(bytes, second, bytes.length)))
					.as("split at %d and %d", first, second)
					.isEqualTo(whole);
			}
		}
	}

	@Test
	void failsALineLongerThanTheLimitAcrossChunks() {
		ServerSentEventReader reader = new ServerSentEventReader(16);
		reader.read("data: 0123456".getBytes(StandardCharsets.UTF_8));
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> reader.read("789abcdef".getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("16");
	}

	@Test
	void failsEventDataLongerThanTheLimit() {
		ServerSentEventReader reader = new ServerSentEventReader(16);
		assertThatExceptionOfType(DataBufferLimitException.class)
			.isThrownBy(() -> reader.read("data: 01234567\ndata: 89abcdef\n".getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void readsAReceivedBufferAndReleasesIt() {
		ServerSentEventReader reader = new ServerSentEventReader(1024);
		byte[] bytes = "data: {\"a\":1}\n\n".getBytes(StandardCharsets.UTF_8);
		PooledDataBuffer buffer = mock(PooledDataBuffer.class);
		given(buffer.isAllocated()).willReturn(true);
		given(buffer.readableByteCount()).willReturn(bytes.length);
		given(buffer.read(any(byte[].class))).willAnswer((invocation) -> {
			System.arraycopy(bytes, 0, invocation.getArgument(0), 0, bytes.length);
			return buffer;
		});
		assertThat(reader.read(buffer)).extracting(ServerSentEventReader.Event::text).containsExactly("{\"a\":1}");
		then(buffer).should().release();
	}

	private static List<String> read(String stream) {
		return read(stream.getBytes(StandardCharsets.UTF_8));
	}

	private static List<String> read(byte[]... chunks) {
		ServerSentEventReader reader = new ServerSentEventReader(1024);
		List<ServerSentEventReader.Event> events = new ArrayList<>();
		for (byte[] chunk : chunks) {
			events.addAll(reader.read(chunk));
		}
		events.addAll(reader.finish());
		return events.stream().map((event) -> event.name() + "=" + event.text()).toList();
	}

}
