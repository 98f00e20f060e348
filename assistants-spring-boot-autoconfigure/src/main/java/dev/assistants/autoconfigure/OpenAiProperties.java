package dev.assistants.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.assistants.client.AssistantsTemplate;
import dev.assistants.client.AuthStyle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties of the Assistants API client ({@code openai.*}). The environment
 * variables {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} bind to {@code openai.api-key} and
 * {@code openai.base-url} through relaxed binding.
 */
@ConfigurationProperties("openai")
public class OpenAiProperties {

	/**
	 * Whether to auto-configure the Assistants API client.
	 */
	private boolean enabled = true;

	/**
	 * API key sent with every request. When unset, no authentication header is sent, which suits
	 * local servers such as the embedded emulator.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the API: OpenAI's, or that of an OpenAI-compatible server (OpenAI retired its hosted
	 * Assistants API on 2026-08-26).
	 */
	private String baseUrl = AssistantsTemplate.DEFAULT_BASE_URL;

	/**
	 * How the API key is sent: 'bearer' as "Authorization: Bearer <key>", or 'api-key' as an
	 * "api-key" header (Azure style).
	 */
	private AuthStyle authStyle = AuthStyle.BEARER;

	/**
	 * Organization sent as the "OpenAI-Organization" header.
	 */
	private @Nullable String organization;

	/**
	 * Project sent as the "OpenAI-Project" header.
	 */
	private @Nullable String project;

	/**
	 * Extra headers sent with every request, replacing the client's own headers of the same name.
	 * Use the bracket notation for names with capitals, e.g. 'openai.headers.[X-Tenant]=acme'.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Time allowed to establish a connection.
	 */
	private Duration connectTimeout = Duration.ofSeconds(10);

	/**
	 * Time allowed for the response to arrive once a request is sent.
	 */
	private Duration responseTimeout = Duration.ofSeconds(60);

	/**
	 * Largest response body that is read; a larger one fails the call.
	 */
	private DataSize maxInMemorySize = DataSize.ofMegabytes(10);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public String getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public AuthStyle getAuthStyle() {
		return this.authStyle;
	}

	public void setAuthStyle(AuthStyle authStyle) {
		this.authStyle = authStyle;
	}

	public @Nullable String getOrganization() {
		return this.organization;
	}

	public void setOrganization(@Nullable String organization) {
		this.organization = organization;
	}

	public @Nullable String getProject() {
		return this.project;
	}

	public void setProject(@Nullable String project) {
		this.project = project;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public DataSize getMaxInMemorySize() {
		return this.maxInMemorySize;
	}

	public void setMaxInMemorySize(DataSize maxInMemorySize) {
		this.maxInMemorySize = maxInMemorySize;
	}

}
