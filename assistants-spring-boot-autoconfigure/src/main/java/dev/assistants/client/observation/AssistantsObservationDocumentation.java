package dev.assistants.client.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation of the client's operations.
 */
public enum AssistantsObservationDocumentation implements ObservationDocumentation {

	/**
	 * One operation of {@code AssistantsOperations}: the whole logical call, retries included, and
	 * for a streamed run the whole stream.
	 */
	CLIENT_OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAssistantsObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/**
	 * Low cardinality keys: tags of the timer and of the span.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, named as in the specification, e.g. {@code createRun}. */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/** {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code UNKNOWN} or {@code CANCELLED}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The HTTP status of the last answer, or {@code NONE}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/** The simple name of the exception the call failed with, or {@code none}. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		},

		/** The host (and port) of the server. */
		SERVER_ADDRESS {
			@Override
			public String asString() {
				return "server.address";
			}
		}

	}

	/**
	 * High cardinality keys: attributes of the span only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The assistant the call is about. */
		ASSISTANT_ID {
			@Override
			public String asString() {
				return "assistant.id";
			}
		},

		/** The thread the call is about. */
		THREAD_ID {
			@Override
			public String asString() {
				return "thread.id";
			}
		},

		/** The run the call is about. */
		RUN_ID {
			@Override
			public String asString() {
				return "run.id";
			}
		},

		/** The server's {@code x-request-id} of the last answer. */
		REQUEST_ID {
			@Override
			public String asString() {
				return "request.id";
			}
		}

	}

}
