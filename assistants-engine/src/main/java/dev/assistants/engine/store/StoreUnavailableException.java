package dev.assistants.engine.store;

/**
 * The store cannot be reached now: its database is down, unreachable, or has no connection to
 * give in time. Nothing was written, unless the connection broke while the transaction committed.
 * The engine answers the call with a 503, which clients retry, and goes on once the store is back.
 */
public class StoreUnavailableException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what could not be done
	 * @param cause the store's failure
	 */
	public StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
