package dev.assistants.api;

/**
 * The last error of a run or run step ({@code last_error}).
 *
 * @param code the error code
 * @param message a human-readable description of the error
 */
public record LastError(LastErrorCode code, String message) {
}
