package dev.assistants.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An HTTP/1.1 response read off a socket as it comes, for tests that write requests by hand: its
 * status and its body, sized by {@code Content-Length} or in chunks.
 *
 * @param status the status code
 * @param body the body, as UTF-8 text
 */
record RawResponse(int status, String body) {

	/** Read the next response on the connection. */
	static RawResponse read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		int length = 0;
		boolean chunked = false;
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(header.indexOf(':') + 1).trim();
			if (name.equals("content-length")) {
				length = Integer.parseInt(value);
			}
			else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
				chunked = true;
			}
		}
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		if (chunked) {
			for (int size = Integer.parseInt(line(in), 16); size > 0; size = Integer.parseInt(line(in), 16)) {
				body.writeBytes(in.readNBytes(size));
				line(in);
			}
			line(in);
		}
		else {
			body.writeBytes(in.readNBytes(length));
		}
		return new RawResponse(status, body.toString(StandardCharsets.UTF_8));
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int next = in.read(); next != '\n'; next = in.read()) {
			if (next == -1) {
				throw new IOException("The connection ended in the middle of a response");
			}
			line.write(next);
		}
		return line.toString(StandardCharsets.US_ASCII).stripTrailing();
	}

}
