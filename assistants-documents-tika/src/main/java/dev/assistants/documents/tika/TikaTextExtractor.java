package dev.assistants.documents.tika;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.jspecify.annotations.Nullable;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import dev.assistants.engine.documents.TextExtractor;
import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.documents.UnreadableFileException.Reason;

/**
 * Reads the text of files with Apache Tika: plain text in any encoding, Markdown, code, JSON, HTML
 * and XML, PDF, Word, PowerPoint and Excel (old and new formats). A file's type is detected from
 * its bytes and its name.
 * <p>
 * Files are untrusted, so reading one is bounded: a zip (Office documents are zips) is inflated
 * once, before it is parsed, and refused if it inflates too much ({@link Archives}); at most
 * {@code maxCharacters} characters of text are read, within a time limit, and no embedded documents
 * (attachments of attachments, which deeply nested files are made of). Tika's own guards apply
 * beneath (its secure content handler's check of compressed content). A file past a
 * limit, damaged or encrypted fails with {@code invalid_file}; a file of a type without text, or
 * with none, with {@code unsupported_file}.
 */
public final class TikaTextExtractor implements TextExtractor, AutoCloseable {

	/** The most characters read by default: about 5 million tokens, the most OpenAI took of a file. */
	public static final int DEFAULT_MAX_CHARACTERS = 20_000_000;

	/** The longest a file is read by default. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

	private final Parser parser = new AutoDetectParser();

	private final int maxCharacters;

	private final Duration timeout;

	private final ExecutorService readers = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "assistants-tika");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * Create an extractor with the default limits.
	 */
	public TikaTextExtractor() {
		this(DEFAULT_MAX_CHARACTERS, DEFAULT_TIMEOUT);
	}

	/**
	 * Create an extractor.
	 * @param maxCharacters the most characters of text read from a file
	 * @param timeout the longest a file is read
	 */
	public TikaTextExtractor(int maxCharacters, Duration timeout) {
		if (maxCharacters < 1) {
			throw new IllegalArgumentException("maxCharacters must be positive but was " + maxCharacters);
		}
		this.maxCharacters = maxCharacters;
		this.timeout = Objects.requireNonNull(timeout, "timeout must not be null");
	}

	@Override
	public String extract(Path file, String filename, @Nullable String contentType) throws UnreadableFileException {
		Future<String> reading = this.readers.submit(() -> read(file, filename, contentType));
		try {
			return reading.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			reading.cancel(true);
			throw new UnreadableFileException(Reason.INVALID_FILE,
					"The file took longer than " + this.timeout.toSeconds() + " seconds to read.");
		}
		catch (InterruptedException ex) {
			reading.cancel(true);
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading " + filename, ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnreadableFileException unreadable) {
				throw unreadable;
			}
			if (ex.getCause() instanceof OutOfMemoryError || ex.getCause() instanceof StackOverflowError) {
				throw new UnreadableFileException(Reason.INVALID_FILE,
						"The file is too complex to read: it needs more memory than a file may take.", ex.getCause());
			}
			throw new IllegalStateException("Could not read " + filename, ex.getCause());
		}
	}

	private String read(Path file, String filename, @Nullable String contentType) throws UnreadableFileException {
		Archives.check(file);
		Metadata metadata = new Metadata();
		metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
		if (contentType != null && !contentType.startsWith("application/octet-stream")) {
			metadata.set(Metadata.CONTENT_TYPE, contentType);
		}
		ParseContext context = new ParseContext();
		context.set(EmbeddedDocumentExtractor.class, NoEmbeddedDocuments.INSTANCE);
		context.set(Parser.class, this.parser);
		BodyContentHandler text = new BodyContentHandler(this.maxCharacters);
		try (InputStream input = TikaInputStream.get(file)) {
			this.parser.parse(input, text, metadata, context);
		}
		catch (EncryptedDocumentException ex) {
			throw new UnreadableFileException(Reason.INVALID_FILE, "The file is encrypted.", ex);
		}
		catch (SAXException | TikaException | IOException ex) {
			if (WriteLimitReachedException.isWriteLimitReached(ex)) {
				throw new UnreadableFileException(Reason.INVALID_FILE,
						"The file has more than " + this.maxCharacters + " characters of text, the most read from a file.");
			}
			throw new UnreadableFileException(Reason.INVALID_FILE, "The file could not be parsed: " + reason(ex), ex);
		}
		String extracted = text.toString();
		if (extracted.isBlank()) {
			String type = metadata.get(Metadata.CONTENT_TYPE);
			throw new UnreadableFileException(Reason.UNSUPPORTED_FILE, "The file has no text to search"
					+ ((type != null) ? " (its type is " + type + ")." : "."));
		}
		return extracted;
	}

	/** What went wrong, as the innermost cause says it: Tika wraps the parsers' own words. */
	private static String reason(Throwable ex) {
		String reason = "it is damaged or not of the type it claims.";
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && !cause.getMessage().startsWith("TIKA-")) {
				reason = cause.getMessage();
			}
		}
		return reason;
	}

	/**
	 * Stop the threads that read files.
	 */
	@Override
	public void close() {
		this.readers.shutdownNow();
	}

	/** Embedded documents are not read: each is a file in a file, the stuff of zip bombs. */
	private enum NoEmbeddedDocuments implements EmbeddedDocumentExtractor {

		INSTANCE;

		@Override
		public boolean shouldParseEmbedded(Metadata metadata) {
			return false;
		}

		@Override
		public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml) {
		}

	}

}
