package dev.assistants.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.util.Assert;
import org.springframework.web.util.UriBuilder;

/**
 * One call of an operation: its name, method, path template with validated IDs, query and body.
 * IDs and query values travel as URI variables, so they are always encoded and can never change
 * the path or the query.
 */
final class ApiRequest {

	private final String operation;

	private final HttpMethod method;

	private final String pathTemplate;

	private final Map<String, Object> variables = new HashMap<>();

	private final List<String> queryNames = new ArrayList<>();

	private @Nullable Object body;

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
		this.variables.put(name, id);
		return this;
	}

	ApiRequest query(String name, @Nullable Object value) {
		if (value != null) {
			String variable = "q" + this.queryNames.size();
			this.queryNames.add(name);
			this.variables.put(variable, value);
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
		Object value = this.variables.get(name);
		return (value != null) ? value.toString() : null;
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

	URI uri(UriBuilder builder) {
		builder.path(this.pathTemplate);
		for (int i = 0; i < this.queryNames.size(); i++) {
			builder.queryParam(this.queryNames.get(i), "{q" + i + "}");
		}
		return builder.build(this.variables);
	}

	/**
	 * How the call is named in exception messages: the operation and its path template, never the
	 * IDs, the query or anything that could hold a secret.
	 */
	String description() {
		return this.operation + " (" + this.method.name() + " " + this.pathTemplate + ")";
	}

}
