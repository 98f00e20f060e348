package dev.assistants.server.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

import dev.assistants.engine.ApiCaller;
import dev.assistants.engine.ApiKeys;

/**
 * The configured API keys, each a caller in its project. Keys are kept only as their SHA-256
 * hashes, a presented key is compared by its hash, and a caller's key is known by its hash.
 */
final class ConfiguredApiKeys implements ApiKeys {

	private static final String SHA256_PREFIX = "sha256:";

	private final Map<String, ApiCaller> callersByHash = new HashMap<>();

	ConfiguredApiKeys(List<AssistantsServerProperties.ApiKey> keys) {
		for (int i = 0; i < keys.size(); i++) {
			AssistantsServerProperties.ApiKey key = keys.get(i);
			String name = "assistants.server.api-keys[" + i + "]";
			Assert.isTrue(StringUtils.hasText(key.getKey()), () -> name + ".key must not be blank");
			Assert.isTrue(StringUtils.hasText(key.getProject()), () -> name + ".project must not be blank");
			String hash = hash(key.getKey(), name);
			Assert.isTrue(this.callersByHash.putIfAbsent(hash, new ApiCaller(key.getProject().trim(), hash)) == null,
					() -> name + ".key is configured twice");
		}
	}

	@Override
	public @Nullable ApiCaller caller(@Nullable String apiKey) {
		return (apiKey != null) ? this.callersByHash.get(sha256(apiKey)) : null;
	}

	/** The hash a configured key is known by: its SHA-256, or the one it is configured as. */
	static String hash(String key, String name) {
		if (!key.regionMatches(true, 0, SHA256_PREFIX, 0, SHA256_PREFIX.length())) {
			return sha256(key);
		}
		String hex = key.substring(SHA256_PREFIX.length()).trim().toLowerCase(Locale.ROOT);
		Assert.isTrue(hex.matches("[0-9a-f]{64}"), () -> name + ".key must be 'sha256:' and 64 hex digits");
		return hex;
	}

	static String sha256(String key) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
