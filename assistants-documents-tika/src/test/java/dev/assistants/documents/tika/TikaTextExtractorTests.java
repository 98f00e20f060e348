package dev.assistants.documents.tika;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xslf.usermodel.XSLFTextBox;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.assistants.engine.documents.UnreadableFileException;
import dev.assistants.engine.documents.UnreadableFileException.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The text of each type file search reads, and hostile files failing with their reason, never an
 * out-of-memory error or a hang.
 */
class TikaTextExtractorTests {

	private final TikaTextExtractor extractor = new TikaTextExtractor();

	@TempDir
	Path directory;

	@AfterEach
	void close() {
		this.extractor.close();
	}

	@Test
	void readsTextMarkupAndCode() throws Exception {
		assertThat(read("notes.txt", "text/plain", "Refunds within 30 days.".getBytes(StandardCharsets.UTF_8)))
			.contains("Refunds within 30 days.");
		assertThat(read("notes-latin1.txt", null, "Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, sp\u00e9cialit\u00e9 de la maison, "
				.repeat(5).getBytes(StandardCharsets.ISO_8859_1)))
			.contains("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e");
		assertThat(read("guide.md", "text/markdown", "# Setup\n\nRun `make`.".getBytes(StandardCharsets.UTF_8)))
			.contains("# Setup").contains("Run `make`.");
		String html = read("page.html", "text/html",
				"<html><head><script>var hidden = 1;</script></head><body><h1>Title</h1><p>Body text</p></body></html>"
					.getBytes(StandardCharsets.UTF_8));
		assertThat(html).contains("Title").contains("Body text").doesNotContain("<p>").doesNotContain("hidden");
		assertThat(read("data.json", "application/json", "{\"answer\": 42}".getBytes(StandardCharsets.UTF_8)))
			.contains("\"answer\"").contains("42");
		assertThat(read("Main.java", null, "class Main { void run() { } }".getBytes(StandardCharsets.UTF_8)))
			.contains("class Main");
	}

	@Test
	void readsPdfWordAndPowerPoint() throws Exception {
		assertThat(read("handbook.pdf", "application/pdf", pdf("Employees get 25 vacation days.", null)))
			.contains("Employees get 25 vacation days.");
		assertThat(read("policy.docx", null, docx("The warranty covers two years.")))
			.contains("The warranty covers two years.");
		try (XMLSlideShow slides = new XMLSlideShow(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			XSLFTextBox box = slides.createSlide().createTextBox();
			box.setText("Quarterly revenue grew 12 percent.");
			slides.write(out);
			assertThat(read("deck.pptx", null, out.toByteArray())).contains("Quarterly revenue grew 12 percent.");
		}
	}

	@Test
	void refusesFilesWithoutText() {
		byte[] noise = new byte[4096];
		new Random(7).nextBytes(noise);
		assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> read("noise.bin", null, noise))
			.satisfies((ex) -> assertThat(ex.getReason()).isIn(Reason.UNSUPPORTED_FILE, Reason.INVALID_FILE));
		assertThatExceptionOfType(UnreadableFileException.class).isThrownBy(() -> read("empty.txt", "text/plain",
				"   \n ".getBytes(StandardCharsets.UTF_8)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.UNSUPPORTED_FILE))
			.withMessageContaining("no text");
	}

	@Test
	void refusesHostileFilesWithTheirReason() throws Exception {
		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> read("bomb.docx", null, zipBomb()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_FILE))
			.withMessageContaining("zip bomb");
		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> read("locked.pdf", "application/pdf", pdf("secret", "password")))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_FILE));
		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> read("broken.pdf", "application/pdf", "%PDF-1.7\n1 0 obj <<".getBytes(StandardCharsets.US_ASCII)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_FILE))
			.withMessageStartingWith("The file could not be parsed: ")
			.withMessageNotContaining("TIKA-");
		byte[] truncated = docx("Cut short");
		assertThatExceptionOfType(UnreadableFileException.class)
			.isThrownBy(() -> read("cut.docx", null, java.util.Arrays.copyOf(truncated, truncated.length / 2)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_FILE));
	}

	@Test
	void stopsAtItsLimits() throws Exception {
		try (TikaTextExtractor small = new TikaTextExtractor(1000, Duration.ofMinutes(1))) {
			assertThatExceptionOfType(UnreadableFileException.class)
				.isThrownBy(() -> small.extract(write("long.txt", "word ".repeat(1000).getBytes(StandardCharsets.UTF_8)),
						"long.txt", "text/plain"))
				.withMessageContaining("more than 1000 characters");
		}
		try (TikaTextExtractor hasty = new TikaTextExtractor(TikaTextExtractor.DEFAULT_MAX_CHARACTERS,
				Duration.ofMillis(1))) {
			assertThatExceptionOfType(UnreadableFileException.class)
				.isThrownBy(() -> hasty.extract(write("big.pdf", pdf("page ".repeat(200), null)), "big.pdf",
						"application/pdf"))
				.withMessageContaining("took longer than");
		}
	}

	private String read(String filename, String contentType, byte[] content) throws Exception {
		return this.extractor.extract(write(filename, content), filename, contentType);
	}

	private Path write(String filename, byte[] content) throws IOException {
		return Files.write(this.directory.resolve(filename), content);
	}

	private static byte[] pdf(String text, String password) throws IOException {
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(50, 700);
				content.showText(text);
				content.endText();
			}
			if (password != null) {
				StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", password, new AccessPermission());
				document.protect(policy);
			}
			document.save(out);
			return out.toByteArray();
		}
	}

	private static byte[] docx(String text) throws IOException {
		try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			document.createParagraph().createRun().setText(text);
			document.write(out);
			return out.toByteArray();
		}
	}

	/** A Word document whose body inflates a thousand times: 200 MB from 200 KB. */
	private static byte[] zipBomb() throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
			zip.write(("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
					+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
					+ "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument"
					+ ".wordprocessingml.document.main+xml\"/></Types>").getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("_rels/.rels"));
			zip.write(("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
					+ "relationships\"><Relationship Id=\"r1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
					+ "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>")
				.getBytes(StandardCharsets.UTF_8));
			zip.putNextEntry(new ZipEntry("word/document.xml"));
			OutputStream body = zip;
			body.write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>"
				.getBytes(StandardCharsets.UTF_8));
			byte[] blanks = new byte[1024 * 1024];
			java.util.Arrays.fill(blanks, (byte) ' ');
			for (int i = 0; i < 200; i++) {
				body.write(blanks);
			}
			body.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
