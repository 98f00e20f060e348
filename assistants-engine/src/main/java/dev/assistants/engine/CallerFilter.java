package dev.assistants.engine;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The one way into the API: every request under {@code /v1} (and under {@code /console/api}, the
 * console's own) gets its {@code x-request-id}, and is
 * resolved to its {@link ApiCaller}, which the rest of the chain reads as the request's principal.
 * The key is read from {@code Authorization: Bearer <key>} and from {@code api-key: <key>}; a request
 * with two different keys in them, with a key the server does not know, or with none where one is
 * needed, is answered with a 401 in OpenAI's shape, as is a URL holding a NUL character with a 400,
 * before anything else sees it.
 */
final class CallerFilter implements WebFilter {

	/** The exchange attribute of the request's ID. */
	static final String REQUEST_ID = CallerFilter.class.getName() + ".requestId";

	/** The paths of the API and of the console's API: a caller of a project reads only its objects. */
	private static final List<String> API_PATHS = List.of("/v1/", Routes.CONSOLE_PATH + "/");

	private static final String API_KEY = "api-key";

	private static final String BEARER = "Bearer ";

	private final ApiKeys keys;

	CallerFilter(ApiKeys keys) {
		this.keys = keys;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		String path = request.getPath().value();
		if (API_PATHS.stream().noneMatch(path::startsWith)) {
			return chain.filter(exchange);
		}
		String requestId = requestId();
		exchange.getAttributes().put(REQUEST_ID, requestId);
		exchange.getResponse().getHeaders().set("x-request-id", requestId);
		ApiCaller caller;
		try {
			checkUrl(request);
			caller = caller(request.getHeaders());
		}
		catch (ApiException ex) {
			return write(ex, exchange.getResponse());
		}
		return chain.filter(exchange.mutate().principal(Mono.just(caller)).build());
	}

	/**
	 * A new request ID as OpenAI's look: {@code req_} and 32 hex digits. It names a request in logs
	 * and errors and guards nothing, so it is drawn from a fast random source, not a secure one.
	 */
	private static String requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "req_" + HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
	}

	private ApiCaller caller(HttpHeaders headers) {
		String apiKey = apiKey(headers);
		ApiCaller caller = this.keys.caller(apiKey);
		if (caller != null) {
			return caller;
		}
		if (apiKey == null) {
			throw new ApiException(401, "You didn't provide an API key. You need to provide your API key in an "
					+ "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", null, null);
		}
		throw new ApiException(401, "Incorrect API key provided. Use a key configured on this server.", null,
				"invalid_api_key");
	}

	/** The request's key, from either header, or from both if they agree. */
	private static @Nullable String apiKey(HttpHeaders headers) {
		String bearer = null;
		String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			bearer = nonBlank(authorization.substring(BEARER.length()));
		}
		String apiKey = nonBlank(headers.getFirst(API_KEY));
		if (bearer != null && apiKey != null && !bearer.equals(apiKey)) {
			throw new ApiException(401, "Your request carries two different API keys, one in its Authorization header "
					+ "and one in its api-key header. Send one key.", null, "invalid_api_key");
		}
		return (bearer != null) ? bearer : apiKey;
	}

	private static @Nullable String nonBlank(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.trim() : null;
	}

	/** A NUL character names nothing the API has, and no store could hold it. */
	private static void checkUrl(ServerHttpRequest request) {
		String rawQuery = request.getURI().getRawQuery();
		if (request.getPath().value().contains("%00") || (rawQuery != null && rawQuery.contains("%00"))) {
			throw ApiException.invalid("Invalid URL (" + request.getMethod() + " " + request.getPath().value()
					+ "): it holds a NUL character (%00).", null, "invalid_url");
		}
	}

	private static Mono<Void> write(ApiException error, ServerHttpResponse response) {
		response.setStatusCode(HttpStatus.valueOf(error.status()));
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		byte[] body = error.body().toString().getBytes(StandardCharsets.UTF_8);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

}
