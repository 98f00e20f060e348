package dev.assistants.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.documents.UnreadableFileException.Reason;

/**
 * The text extractor of an engine built without one: it reads files that are UTF-8 text (plain
 * text, Markdown, JSON, code) of at most {@value #MAX_BYTES} bytes, and refuses others as
 * {@code unsupported_file}. A server reads documents (PDF, Word, ...) with an extractor such as
 * the Apache Tika one.
 */
final class PlainTextExtractor implements TextExtractor {

	static final int MAX_BYTES = 16 * 1024 * 1024;

	@Override
	public String extract(Path file, String filename, @Nullable String contentType) throws UnreadableFileException {
		try {
			if (Files.size(file) > MAX_BYTES) {
				throw new UnreadableFileException(Reason.INVALID_FILE,
						"The file is larger than " + MAX_BYTES + " bytes, the most text read from a file.");
			}
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Files.readAllBytes(file)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new UnreadableFileException(Reason.UNSUPPORTED_FILE,
					"The file " + filename + " is not UTF-8 text, the only type this server reads.");
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + file, ex);
		}
	}

}
