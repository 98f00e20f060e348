package dev.assistants.documents.tika;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.documents.UnreadableFileException.Reason;

/**
 * A check of zip files (Word, PowerPoint and Excel documents are zips) before they are parsed: each
 * entry is inflated, and counted, as it comes, so that a zip bomb (a small file that inflates to
 * gigabytes, which parsers would hold in memory) is refused after a few mebibytes, never parsed.
 */
final class Archives {

	/** The most bytes a zip may inflate to, in all. */
	static final long MAX_INFLATED = 512L * 1024 * 1024;

	/** The most an entry past {@link #RATIO_GRACE} bytes may inflate per byte of the zip. */
	static final int MAX_RATIO = 100;

	/** The bytes an entry may inflate to whatever its ratio: small entries compress very well. */
	static final long RATIO_GRACE = 1024 * 1024;

	private static final int ZIP_SIGNATURE = 0x04034b50;

	private Archives() {
	}

	/**
	 * Check a file that is a zip; any other passes.
	 * @param file the file
	 * @throws UnreadableFileException if the zip inflates past the limits
	 */
	static void check(Path file) throws UnreadableFileException {
		try {
			long size = Files.size(file);
			if (size < 4 || !isZip(file)) {
				return;
			}
			long inflated = 0;
			byte[] buffer = new byte[64 * 1024];
			try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
				for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
					long entryBytes = 0;
					for (int read = zip.read(buffer); read >= 0; read = zip.read(buffer)) {
						entryBytes += read;
						inflated += read;
						if (inflated > MAX_INFLATED || (entryBytes > RATIO_GRACE && entryBytes / size > MAX_RATIO)) {
							throw new UnreadableFileException(Reason.INVALID_FILE, "The file inflates to more than "
									+ Math.min(inflated, entryBytes) / (1024 * 1024) + " MB from " + size
									+ " bytes: it looks like a zip bomb.");
						}
					}
				}
			}
		}
		catch (IOException ex) {
			// the file is a local copy: what fails to read in it is the zip itself, cut short or damaged
			throw new UnreadableFileException(Reason.INVALID_FILE, "The file is a damaged zip: " + ex.getMessage(), ex);
		}
	}

	private static boolean isZip(Path file) throws IOException {
		try (InputStream input = Files.newInputStream(file)) {
			byte[] head = input.readNBytes(4);
			return head.length == 4 && ((head[0] & 0xff) | (head[1] & 0xff) << 8 | (head[2] & 0xff) << 16
					| (head[3] & 0xff) << 24) == ZIP_SIGNATURE;
		}
	}

}
