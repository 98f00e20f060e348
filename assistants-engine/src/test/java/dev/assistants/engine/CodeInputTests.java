package dev.assistants.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The code of a {@code code_interpreter} call, given out as its JSON arguments are written.
 */
class CodeInputTests {

	@Test
	void givesOutTheCodeAsItIsWrittenEvenWhenAPieceEndsInsideAnEscape() {
		CodeInput input = new CodeInput();
		List<String> pieces = List.of("{\"co", "de\": \"print(", "'a\\", "nb\\u00", "e9')\\", "\"x\\\"\"", "}");
		StringBuilder given = new StringBuilder();
		List<String> each = pieces.stream().map(input::append).toList();
		each.forEach(given::append);
		assertThat(each).containsExactly("", "print(", "'a", "\nb", "é')", "\"x\"", "");
		assertThat(given).hasToString("print('a\nbé')\"x\"");
		assertThat(input.code()).isEqualTo(given.toString());
	}

	@Test
	void takesCodeSentBareAsItIs() {
		CodeInput input = new CodeInput();
		assertThat(input.append("print(1)")).isEmpty();
		assertThat(input.code()).isEqualTo("print(1)");
	}

}
