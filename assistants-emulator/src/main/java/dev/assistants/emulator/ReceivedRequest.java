package dev.assistants.emulator;

import java.util.Map;

/**
 * A request the emulator received, for tests to inspect.
 *
 * @param method the HTTP method
 * @param uri the path and query, as sent
 * @param headers the headers, names in lower case
 * @param body the body, empty when there was none
 */
public record ReceivedRequest(String method, String uri, Map<String, String> headers, String body) {
}
