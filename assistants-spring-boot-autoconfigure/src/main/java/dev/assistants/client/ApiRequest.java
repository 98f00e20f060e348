package dev.assistants.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriUtils;

/**
 * One call of an operation: its name, method, path template with validated IDs, query and body.
 * IDs and query values are always encoded, so they can never change the path or the query.
 */
final class ApiRequest {

	private final String operation;

	private final HttpMethod method;

	private final String pathTemplate;

	private final Map<String, String> ids = new LinkedHashMap<>(4);

	private final List<String> query = new ArrayList<>(4);

	private @Nullable Object body;

	private @Nullable Supplier<MultiValueMap<String, HttpEntity<?>>> parts;

	private boolean retryable = true;

	private ApiRequest(String operation, HttpMethod method, String pathTemplate) {
		this.operation = operation;
		this.method = method;
		this.pathTemplate = pathTemplate;
	}

	static ApiRequest get(String operation, String pathTemplate) {
		return new ApiRequest(operation, HttpMethod.GET, pathTemplate);
	}

	static ApiRequest post(String operation, String pathTemplate, @Nullable Object body) {
		ApiRequest request = new ApiRequest(operation, HttpMethod.POST, pathTemplate);
		request.body = body;
		return request;
	}

	/**
	 * A POST whose body is a multipart form, its parts made anew for each attempt.
	 * @param retryable whether an attempt may be made again: not when a part's content can be read
	 * only once
	 */
	static ApiRequest multipart(String operation, String pathTemplate,
			Supplier<MultiValueMap<String, HttpEntity<?>>> parts, boolean retryable) {
		ApiRequest request = new ApiRequest(operation, HttpMethod.POST, pathTemplate);
		request.parts = parts;
		request.retryable = retryable;
		return request;
	}

	static ApiRequest delete(String operation, String pathTemplate) {
		return new ApiRequest(operation, HttpMethod.DELETE, pathTemplate);
	}

	/**
	 * Bind a path variable to an ID.
	 * @throws IllegalArgumentException if the ID is blank, {@code .} or {@code ..}
	 */
	ApiRequest id(String name, @Nullable String id) {
		Assert.isTrue(id != null && !id.isBlank(), () -> name + " must not be blank");
		Assert.isTrue(!id.equals(".") && !id.equals(".."), () -> name + " must not be '" + id + "'");
		this.ids.put(name, id);
		return this;
	}

	ApiRequest query(String name, @Nullable Object value) {
		if (value != null) {
			this.query.add(encode(name) + "=" + encode(value.toString()));
		}
		return this;
	}

	ApiRequest query(String name, Collection<?> values) {
		values.forEach((value) -> query(name, value));
		return this;
	}

	/**
	 * The value bound to a path variable, such as an ID.
	 */
	@Nullable String variable(String name) {
		return this.ids.get(name);
	}

	String operation() {
		return this.operation;
	}

	HttpMethod method() {
		return this.method;
	}

	@Nullable Object body() {
		return this.body;
	}

	/** The parts of a multipart body, made for one attempt, or {@code null} for a JSON body or none. */
	@Nullable MultiValueMap<String, HttpEntity<?>> parts() {
		return (this.parts != null) ? this.parts.get() : null;
	}

	/** Whether a failed attempt may be made again. */
	boolean retryable() {
		return this.retryable;
	}

	/**
	 * The request's URI under the base URL: every ID and query value percent-encoded as a whole
	 * (all but unreserved characters), so none can add a path segment or a query parameter. Extra
	 * query parameters replace the request's parameters of the same name.
	 */
	URI uri(String baseUrl, Map<String, String> extraQuery) {
		String path = this.pathTemplate;
		for (Map.Entry<String, String> id : this.ids.entrySet()) {
			path = path.replace("{" + id.getKey() + "}", encode(id.getValue()));
		}
		StringBuilder uri = new StringBuilder(baseUrl.length() + path.length() + 32).append(baseUrl).append(path);
		char separator = '?';
		for (String parameter : this.query) {
			if (extraQuery.isEmpty() || !extraQuery.containsKey(name(parameter))) {
				uri.append(separator).append(parameter);
				separator = '&';
			}
		}
		for (Map.Entry<String, String> parameter : extraQuery.entrySet()) {
			uri.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
			separator = '&';
		}
		return URI.create(uri.toString());
	}

	private static String name(String encodedParameter) {
		return UriUtils.decode(encodedParameter.substring(0, encodedParameter.indexOf('=')), StandardCharsets.UTF_8);
	}

	private static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * How the call is named in exception messages: the operation and its path template, never the
	 * IDs, the query or anything that could hold a secret.
	 */
	String description() {
		return this.operation + " (" + this.method.name() + " " + this.pathTemplate + ")";
	}

}
