package dev.assistants.server.autoconfigure;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.assistants.engine.ApiCaller;

/**
 * Limits the requests each API key makes per minute, as OpenAI did: every answer under
 * {@code /v1} says what is left in {@code x-ratelimit-limit-requests},
 * {@code x-ratelimit-remaining-requests} and {@code x-ratelimit-reset-requests}, and a request
 * over the limit is answered with a 429 in OpenAI's shape, with {@code retry-after-ms} and
 * {@code retry-after}, which the SDKs and the starter wait for before they retry. Each key has a
 * bucket of its limit's size that refills evenly over a minute, in each server instance.
 * It reads the caller the engine's caller filter resolved, so it comes after that filter; requests
 * with a key the server does not know never reach it.
 */
final class RateLimits implements WebFilter {

	private static final long NANOS_PER_MINUTE = Duration.ofMinutes(1).toNanos();

	private final int limit;

	/** The keys whose limit is their own, by their hash, the ID of their callers. */
	private final Map<String, Integer> ownLimits = new HashMap<>();

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	RateLimits(AssistantsServerProperties properties) {
		this.limit = properties.getRateLimits().getRequestsPerMinute();
		List<AssistantsServerProperties.ApiKey> keys = properties.getApiKeys();
		for (int i = 0; i < keys.size(); i++) {
			AssistantsServerProperties.ApiKey key = keys.get(i);
			if (key.getRequestsPerMinute() != null && key.getKey() != null) {
				this.ownLimits.put(ConfiguredApiKeys.hash(key.getKey(), "assistants.server.api-keys[" + i + "]"),
						key.getRequestsPerMinute());
			}
		}
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (!exchange.getRequest().getPath().value().startsWith("/v1/")) {
			return chain.filter(exchange);
		}
		return exchange.getPrincipal()
			.ofType(ApiCaller.class)
			.map(this::bucket)
			.defaultIfEmpty(Optional.empty())
			.flatMap((bucket) -> bucket.isPresent() ? limit(bucket.get(), exchange, chain) : chain.filter(exchange));
	}

	/** The caller's bucket, if its key has a limit; the callers of one key share one. */
	private Optional<Bucket> bucket(ApiCaller caller) {
		int limit = this.ownLimits.getOrDefault(caller.keyId(), this.limit);
		return (limit > 0) ? Optional.of(this.buckets.computeIfAbsent(caller.keyId(), (keyId) -> new Bucket(limit)))
				: Optional.empty();
	}

	private Mono<Void> limit(Bucket bucket, ServerWebExchange exchange, WebFilterChain chain) {
		Take take = bucket.take(System.nanoTime());
		ServerHttpResponse response = exchange.getResponse();
		HttpHeaders headers = response.getHeaders();
		headers.set("x-ratelimit-limit-requests", String.valueOf(bucket.limit));
		headers.set("x-ratelimit-remaining-requests", String.valueOf(take.remaining()));
		headers.set("x-ratelimit-reset-requests", duration(take.untilFull()));
		if (take.granted()) {
			return chain.filter(exchange);
		}
		long waitMillis = Math.max(1, Duration.ofNanos(take.untilNext()).toMillis());
		headers.set("retry-after-ms", String.valueOf(waitMillis));
		headers.set(HttpHeaders.RETRY_AFTER, String.valueOf((waitMillis + 999) / 1000));
		headers.setContentType(MediaType.APPLICATION_JSON);
		response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
		String body = "{\"error\":{\"message\":\"Rate limit reached for requests per minute (RPM): Limit "
				+ bucket.limit + ", Used " + bucket.limit + ", Requested 1. Please try again in "
				+ duration(take.untilNext()) + ".\",\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}";
		return response
			.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	/** A duration as OpenAI writes it in {@code x-ratelimit-reset-*}: {@code 120ms}, {@code 1.5s}, {@code 6m0s}. */
	static String duration(long nanos) {
		long millis = Duration.ofNanos(nanos).toMillis();
		if (millis < 1000) {
			return millis + "ms";
		}
		if (millis < 60_000) {
			return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
		}
		return (millis / 60_000) + "m" + ((millis % 60_000) / 1000) + "s";
	}

	/** What a request was granted, and what is left. */
	private record Take(boolean granted, long remaining, long untilNext, long untilFull) {
	}

	/** A bucket of {@code limit} requests that refills evenly over a minute. */
	private static final class Bucket {

		private final int limit;

		private final double perNano;

		private double tokens;

		private long last;

		private boolean started;

		Bucket(int limit) {
			this.limit = limit;
			this.perNano = (double) limit / NANOS_PER_MINUTE;
			this.tokens = limit;
		}

		synchronized Take take(long now) {
			if (this.started) {
				this.tokens = Math.min(this.limit, this.tokens + (now - this.last) * this.perNano);
			}
			this.started = true;
			this.last = now;
			boolean granted = this.tokens >= 1;
			if (granted) {
				this.tokens -= 1;
			}
			long untilNext = (this.tokens >= 1) ? 0 : (long) Math.ceil((1 - this.tokens) / this.perNano);
			long untilFull = (long) Math.ceil((this.limit - this.tokens) / this.perNano);
			return new Take(granted, (long) Math.floor(this.tokens), untilNext, untilFull);
		}

	}

}
