package dev.assistants.engine.documents;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Reads the text of a file added to a vector store: plain text, markup, code, or a document such
 * as a PDF, a Word or a PowerPoint file. Files are untrusted: an implementation bounds what it
 * reads (the text's length, the depth of nested documents, the time it takes) and fails with an
 * {@link UnreadableFileException} rather than run out of memory or hang.
 * <p>
 * Called off the event loop; it may block.
 */
@FunctionalInterface
public interface TextExtractor {

	/**
	 * Read a file's text.
	 * @param file the file's bytes, in a temporary file
	 * @param filename the file's name, as uploaded
	 * @param contentType the content type it was uploaded with, if any
	 * @return its text
	 * @throws UnreadableFileException if the file has no text to read, is not of a type read, or
	 * is damaged or hostile
	 */
	String extract(Path file, String filename, @Nullable String contentType) throws UnreadableFileException;

}
