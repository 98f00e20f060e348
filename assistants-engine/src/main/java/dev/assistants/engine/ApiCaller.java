package dev.assistants.engine;

import java.security.Principal;
import java.util.Objects;

/**
 * Who calls the API: the project its key belongs to, and the key by a name that is not the key.
 * The engine resolves each request under {@code /v1} to its caller once, before anything else reads
 * it ({@link AssistantsEngine#callerFilter()}), and hands it on as the request's
 * {@linkplain org.springframework.web.server.ServerWebExchange#getPrincipal() principal}: the
 * routes, and the server's rate limits, metrics and logs, read the caller there, never a header.
 *
 * @param project the project whose objects the caller sees and creates
 * @param keyId the caller's key by a name that can be logged and counted by (such as its hash),
 * never the key itself
 */
public record ApiCaller(String project, String keyId) implements Principal {

	public ApiCaller {
		Objects.requireNonNull(project, "project must not be null");
		Objects.requireNonNull(keyId, "keyId must not be null");
	}

	/**
	 * The caller's project.
	 * @return the project
	 */
	@Override
	public String getName() {
		return this.project;
	}

}
