package dev.assistants.client;

import reactor.util.context.Context;

import org.springframework.http.HttpHeaders;

/**
 * Told of every HTTP response a call receives, each attempt's when a call is retried, with its
 * status and headers: to log {@code x-request-id} for a support ticket, or to read the
 * {@code x-ratelimit-*} headers. Put it in the Reactor context of the call:
 * <pre class="code">
 * assistants.getRun(threadId, runId)
 *     .contextWrite(((ResponseListener) (status, headers) -&gt; log.info("{} {}", status,
 *             headers.getFirst("x-request-id"))).asContext())
 * </pre>
 * It runs on the connection's event loop, before the body is read: it must be quick and must not
 * block. An exception it throws is logged (at WARN, on {@code dev.assistants.client.ResponseListener})
 * and changes nothing: the call goes on, and is never retried because of it.
 */
@FunctionalInterface
public interface ResponseListener {

	/**
	 * Called when a response arrives, before its body is read.
	 * @param statusCode the HTTP status code
	 * @param headers the response headers, read-only
	 */
	void onResponse(int statusCode, HttpHeaders headers);

	/**
	 * The Reactor context that makes the client tell this listener of the responses of a call
	 * subscribed with it.
	 * @return the context to pass to {@code contextWrite}
	 */
	default Context asContext() {
		return Context.of(ResponseListener.class, this);
	}

}
