package dev.assistants.client;

import org.springframework.http.HttpHeaders;

/**
 * A successful answer: its body, its status, and the headers some helpers read (such as
 * {@code openai-poll-after-ms}).
 */
record ApiResponse<T>(T body, HttpHeaders headers, int status) {
}
