package dev.assistants.code.jupyter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * What an execution showed, from its kernel's messages, within the limits: the text of its streams,
 * of the values it showed and of an error's traceback (without terminal colours) as logs, up to
 * {@code maxOutput} characters and then a line that says how many were dropped; its PNG images, up
 * to {@code maxImages} of at most {@code maxImageBytes}. What the sandboxed driver does for local
 * kernels, done here for remote ones.
 */
final class ExecutionOutput {

	private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

	private final KernelLimits limits;

	private final StringBuilder logs = new StringBuilder();

	private long dropped;

	private final List<byte[]> images = new ArrayList<>();

	ExecutionOutput(KernelLimits limits) {
		this.limits = limits;
	}

	/** Take an IOPub message of the execution. */
	void accept(String type, JsonNode content) {
		switch (type) {
			case "stream" -> log(content.path("text").asString(""));
			case "execute_result", "display_data" -> {
				JsonNode data = content.path("data");
				if (data.has("image/png")) {
					image(data.path("image/png").asString(""));
				}
				else if (data.has("text/plain")) {
					log(data.path("text/plain").asString("") + "\n");
				}
			}
			case "error" -> {
				List<String> lines = new ArrayList<>();
				content.path("traceback").forEach((line) -> lines.add(line.asString("")));
				log(ANSI.matcher(String.join("\n", lines)).replaceAll("") + "\n");
			}
			default -> {
			}
		}
	}

	private void log(String text) {
		int room = this.limits.maxOutput() - this.logs.length();
		if (room > 0) {
			this.logs.append(text, 0, Math.min(room, text.length()));
		}
		this.dropped += Math.max(0, text.length() - Math.max(room, 0));
	}

	private void image(String base64) {
		byte[] png;
		try {
			png = Base64.getMimeDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		if (this.images.size() < this.limits.maxImages() && png.length <= this.limits.maxImageBytes()) {
			this.images.add(png);
		}
		else {
			log("[an image was left out: too many or too large]\n");
		}
	}

	/** What the logs say of an execution that was stopped at its time limit. */
	static String timedOut(Duration limit) {
		return "\nThe execution was stopped after " + limit.toSeconds() + " seconds, the longest an execution may run.";
	}

	/** What the logs say of an execution whose kernel had to be restarted. */
	static final String RESTARTED = "\nThe Python kernel had to be restarted (it ran out of memory, exited, or ignored "
			+ "the interrupt): its variables are gone; the files in /mnt/data remain.";

	/** The logs, with a line that says how much was dropped, if anything was. */
	String logs() {
		return (this.dropped > 0) ? this.logs + "\n[output truncated: " + this.dropped + " more characters]" : this.logs.toString();
	}

	List<byte[]> images() {
		return this.images;
	}

}
