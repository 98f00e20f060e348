package dev.assistants.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.engine.model.CodeInterpreterCalls;

/**
 * The code of a {@code code_interpreter} call as the model writes its arguments: the value of their
 * {@code code}, decoded while the JSON is still incomplete, so that a streaming client sees the code
 * as it is written.
 */
final class CodeInput {

	private static final Pattern START = Pattern
		.compile("\"" + CodeInterpreterCalls.CODE + "\"\\s*:\\s*\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final StringBuilder arguments = new StringBuilder();

	/** How much of the code was already given out. */
	private int given;

	/**
	 * Take more of the arguments.
	 * @param piece the next piece
	 * @return the code they add, possibly empty
	 */
	String append(String piece) {
		this.arguments.append(piece);
		String code = decodedSoFar();
		if (code.length() <= this.given) {
			return "";
		}
		String added = code.substring(this.given);
		this.given = code.length();
		return added;
	}

	/** The code, once the arguments are whole: their {@code code}, or the arguments as they are if they are not JSON. */
	String code() {
		try {
			JsonNode parsed = JSON.readTree(this.arguments.toString());
			if (parsed != null && parsed.path(CodeInterpreterCalls.CODE).isString()) {
				return parsed.path(CodeInterpreterCalls.CODE).asString();
			}
		}
		catch (RuntimeException ex) {
			// not JSON: some models send the code bare
		}
		return this.arguments.toString();
	}

	/** The string value of {@code code} as far as it is written, up to an escape not yet complete. */
	private String decodedSoFar() {
		Matcher start = START.matcher(this.arguments);
		if (!start.find()) {
			return "";
		}
		StringBuilder code = new StringBuilder();
		int i = start.end();
		while (i < this.arguments.length()) {
			char c = this.arguments.charAt(i);
			if (c == '"') {
				break;
			}
			if (c != '\\') {
				code.append(c);
				i++;
				continue;
			}
			if (i + 1 >= this.arguments.length()) {
				break;
			}
			char escaped = this.arguments.charAt(i + 1);
			if (escaped == 'u') {
				if (i + 6 > this.arguments.length()) {
					break;
				}
				try {
					code.append((char) Integer.parseInt(this.arguments.substring(i + 2, i + 6), 16));
				}
				catch (NumberFormatException ex) {
					break;
				}
				i += 6;
				continue;
			}
			code.append(switch (escaped) {
				case 'n' -> '\n';
				case 't' -> '\t';
				case 'r' -> '\r';
				case 'b' -> '\b';
				case 'f' -> '\f';
				default -> escaped;
			});
			i += 2;
		}
		return code.toString();
	}

}
