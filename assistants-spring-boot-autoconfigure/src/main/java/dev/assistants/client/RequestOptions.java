package dev.assistants.client;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.util.Assert;

/**
 * What one call sends beyond what the spec lists, for servers that take more, and how long it may
 * take: extra headers, extra query parameters, extra fields of the JSON body and a timeout, as
 * openai-python's {@code extra_headers}, {@code extra_query}, {@code extra_body} and
 * {@code timeout}. Put them in the Reactor context of the call:
 * <pre class="code">
 * RequestOptions options = RequestOptions.builder()
 *     .header("X-Tenant", "acme")
 *     .queryParameter("api-version", "2024-10-01")
 *     .bodyProperty("reasoning_effort", "low")
 *     .timeout(Duration.ofSeconds(5))
 *     .build();
 * assistants.createRun(threadId, request).contextWrite(options.asContext());
 * </pre>
 * They apply to every request made under that context, so to each request of a helper such as
 * {@code createRunAndPoll} or {@code listAllMessages}, each attempt of a retried call included:
 * <ul>
 * <li>a header replaces the client's header of the same name ({@code openai.headers} included);
 * <li>a query parameter replaces the request's parameter of the same name;
 * <li>a body property, written with the client's JSON mapper, replaces the field of the same name
 * in the body of the requests that send one (creating and modifying objects, starting runs,
 * submitting tool outputs), and is not sent with those that do not (a {@code GET} or
 * {@code DELETE});
 * <li>the timeout replaces {@code openai.timeout} for each call (all its attempts and the waits
 * between them), and {@code openai.stream-idle-timeout} for each stream.
 * </ul>
 * A context written closer to the call replaces options written further from it.
 */
public final class RequestOptions {

	/** No extra headers, query parameters or body properties, and the client's timeouts. */
	public static final RequestOptions NONE = builder().build();

	private final Map<String, String> headers;

	private final Map<String, String> queryParameters;

	private final Map<String, @Nullable Object> bodyProperties;

	private final @Nullable Duration timeout;

	private RequestOptions(Builder builder) {
		this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
		this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.queryParameters));
		this.bodyProperties = Collections.unmodifiableMap(new LinkedHashMap<>(builder.bodyProperties));
		this.timeout = builder.timeout;
	}

	/**
	 * Start building options.
	 * @return a builder with no options set
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the extra headers, by name.
	 * @return the headers, read-only
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/**
	 * Return the extra query parameters, by name.
	 * @return the query parameters, read-only
	 */
	public Map<String, String> queryParameters() {
		return this.queryParameters;
	}

	/**
	 * Return the extra properties of the JSON body, by name.
	 * @return the body properties, read-only
	 */
	public Map<String, @Nullable Object> bodyProperties() {
		return this.bodyProperties;
	}

	/**
	 * Return the time allowed for each call, or for each stream the longest wait for its next event.
	 * @return the timeout, or {@code null} for the client's
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * The Reactor context that makes the client apply these options to the calls subscribed with
	 * it.
	 * @return the context to pass to {@code contextWrite}
	 */
	public Context asContext() {
		return Context.of(RequestOptions.class, this);
	}

	static RequestOptions from(ContextView context) {
		return context.getOrDefault(RequestOptions.class, NONE);
	}

	@Override
	public String toString() {
		// header values may be credentials
		return "RequestOptions[headers=" + this.headers.keySet() + ", queryParameters=" + this.queryParameters.keySet()
				+ ", bodyProperties=" + this.bodyProperties.keySet() + ", timeout=" + this.timeout + "]";
	}

	/**
	 * Builder of {@link RequestOptions}.
	 */
	public static final class Builder {

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final Map<String, String> queryParameters = new LinkedHashMap<>();

		private final Map<String, @Nullable Object> bodyProperties = new LinkedHashMap<>();

		private @Nullable Duration timeout;

		private Builder() {
		}

		/**
		 * Send a header, replacing the client's header of the same name.
		 * @param name the header name
		 * @param value the header value, without control characters
		 * @return this builder
		 * @throws IllegalArgumentException if the name is blank or the value cannot be sent in a header
		 */
		public Builder header(String name, String value) {
			Assert.hasText(name, "header name must not be blank");
			Assert.notNull(value, "header value must not be null");
			HeaderValues.requireSendable(value, "header " + name);
			this.headers.put(name, value);
			return this;
		}

		/**
		 * Send a query parameter, replacing the request's parameter of the same name. Name and
		 * value are percent-encoded.
		 * @param name the parameter name
		 * @param value the parameter value
		 * @return this builder
		 */
		public Builder queryParameter(String name, String value) {
			Assert.hasText(name, "query parameter name must not be blank");
			Assert.notNull(value, "query parameter value must not be null");
			this.queryParameters.put(name, value);
			return this;
		}

		/**
		 * Send a property in the JSON body of the requests that have one, replacing the field of
		 * the same name.
		 * @param name the property name
		 * @param value the value, written with the client's JSON mapper; {@code null} sends
		 * {@code null}
		 * @return this builder
		 */
		public Builder bodyProperty(String name, @Nullable Object value) {
			Assert.hasText(name, "body property name must not be blank");
			Assert.isTrue(!"stream".equals(name), "the body property 'stream' is the client's: use the *Stream operations");
			this.bodyProperties.put(name, value);
			return this;
		}

		/**
		 * Set the time allowed for each call, all its attempts and the waits between them
		 * included, and for each stream the longest wait for its next event.
		 * @param timeout the timeout, or {@code null} for the client's
		 * @return this builder
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Assert.isTrue(timeout == null || (!timeout.isNegative() && !timeout.isZero()), "timeout must be positive");
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 */
		public RequestOptions build() {
			return new RequestOptions(this);
		}

	}

}
