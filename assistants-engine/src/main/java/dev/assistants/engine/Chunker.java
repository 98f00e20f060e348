package dev.assistants.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;

/**
 * Cuts a file's text into chunks of tokens as OpenAI's file search did: windows of at most
 * {@code max_chunk_size_tokens} tokens, each starting {@code chunk_overlap_tokens} before the end
 * of the one before ({@code auto}: 800 and 400). Tokens are counted with {@code cl100k_base}, the
 * encoding of OpenAI's embedding models. A chunk is the text its tokens came from, cut at
 * characters, never inside one.
 */
final class Chunker {

	/** The chunk size of the {@code auto} strategy, in tokens. */
	static final int AUTO_MAX_TOKENS = 800;

	/** The overlap of the {@code auto} strategy, in tokens. */
	static final int AUTO_OVERLAP_TOKENS = 400;

	private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private Chunker() {
	}

	/**
	 * Cut text into chunks.
	 * @param text the text
	 * @param maxTokens the most tokens of a chunk
	 * @param overlapTokens the tokens a chunk shares with the one before, less than half the most
	 * @return the chunks' texts, in order; none for text of blanks only
	 */
	static List<String> chunk(String text, int maxTokens, int overlapTokens) {
		if (text.isBlank()) {
			return List.of();
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		IntArrayList tokens = ENCODING.encodeOrdinary(text);
		// where each token starts in the text's bytes: tokens cover the bytes in order
		int[] offsets = new int[tokens.size() + 1];
		IntArrayList one = new IntArrayList(1);
		for (int i = 0; i < tokens.size(); i++) {
			one.clear();
			one.add(tokens.get(i));
			offsets[i + 1] = offsets[i] + ENCODING.decodeBytes(one).length;
		}
		offsets[tokens.size()] = bytes.length;
		List<String> chunks = new ArrayList<>();
		int step = maxTokens - overlapTokens;
		for (int start = 0; start < tokens.size(); start += step) {
			int end = Math.min(start + maxTokens, tokens.size());
			int from = characterStart(bytes, offsets[start]);
			int to = characterStart(bytes, offsets[end]);
			if (to > from) {
				chunks.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
			}
			if (end == tokens.size()) {
				break;
			}
		}
		return chunks;
	}

	/** The start of the character at or after an offset: a token may end inside a character's bytes. */
	private static int characterStart(byte[] bytes, int offset) {
		int at = offset;
		while (at < bytes.length && (bytes[at] & 0xC0) == 0x80) {
			at++;
		}
		return at;
	}

}
