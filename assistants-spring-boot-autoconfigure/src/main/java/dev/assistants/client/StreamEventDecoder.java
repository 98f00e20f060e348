package dev.assistants.client;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.assistants.api.ApiError;
import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.AssistantStreamEvent.DoneEvent;
import dev.assistants.api.AssistantStreamEvent.ErrorEvent;
import dev.assistants.api.AssistantStreamEvent.MessageCompleted;
import dev.assistants.api.AssistantStreamEvent.MessageCreated;
import dev.assistants.api.AssistantStreamEvent.MessageDelta;
import dev.assistants.api.AssistantStreamEvent.MessageInProgress;
import dev.assistants.api.AssistantStreamEvent.MessageIncomplete;
import dev.assistants.api.AssistantStreamEvent.RunCancelled;
import dev.assistants.api.AssistantStreamEvent.RunCancelling;
import dev.assistants.api.AssistantStreamEvent.RunCompleted;
import dev.assistants.api.AssistantStreamEvent.RunCreated;
import dev.assistants.api.AssistantStreamEvent.RunExpired;
import dev.assistants.api.AssistantStreamEvent.RunFailed;
import dev.assistants.api.AssistantStreamEvent.RunInProgress;
import dev.assistants.api.AssistantStreamEvent.RunIncomplete;
import dev.assistants.api.AssistantStreamEvent.RunQueued;
import dev.assistants.api.AssistantStreamEvent.RunRequiresAction;
import dev.assistants.api.AssistantStreamEvent.RunStepCancelled;
import dev.assistants.api.AssistantStreamEvent.RunStepCompleted;
import dev.assistants.api.AssistantStreamEvent.RunStepCreated;
import dev.assistants.api.AssistantStreamEvent.RunStepDelta;
import dev.assistants.api.AssistantStreamEvent.RunStepExpired;
import dev.assistants.api.AssistantStreamEvent.RunStepFailed;
import dev.assistants.api.AssistantStreamEvent.RunStepInProgress;
import dev.assistants.api.AssistantStreamEvent.ThreadCreated;
import dev.assistants.api.AssistantStreamEvent.UnknownEvent;
import dev.assistants.api.MessageDeltaObject;
import dev.assistants.api.MessageObject;
import dev.assistants.api.RunObject;
import dev.assistants.api.RunStepDeltaObject;
import dev.assistants.api.RunStepObject;
import dev.assistants.api.ThreadObject;
import dev.assistants.api.sse.ServerSentEventReader;

import org.springframework.web.reactive.function.client.ClientResponse;

/**
 * Turns the server-sent events of a streamed run into {@link AssistantStreamEvent}s, each with its
 * typed data. An event name it does not know becomes an {@link UnknownEvent}.
 */
final class StreamEventDecoder {

	private final JsonMapper jsonMapper;

	private final Map<String, Function<ServerSentEventReader.Event, AssistantStreamEvent>> decoders = new HashMap<>();

	StreamEventDecoder(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
		add(ThreadCreated.EVENT, ThreadObject.class, ThreadCreated::new);
		add(RunCreated.EVENT, RunObject.class, RunCreated::new);
		add(RunQueued.EVENT, RunObject.class, RunQueued::new);
		add(RunInProgress.EVENT, RunObject.class, RunInProgress::new);
		add(RunRequiresAction.EVENT, RunObject.class, RunRequiresAction::new);
		add(RunCompleted.EVENT, RunObject.class, RunCompleted::new);
		add(RunIncomplete.EVENT, RunObject.class, RunIncomplete::new);
		add(RunFailed.EVENT, RunObject.class, RunFailed::new);
		add(RunCancelling.EVENT, RunObject.class, RunCancelling::new);
		add(RunCancelled.EVENT, RunObject.class, RunCancelled::new);
		add(RunExpired.EVENT, RunObject.class, RunExpired::new);
		add(RunStepCreated.EVENT, RunStepObject.class, RunStepCreated::new);
		add(RunStepInProgress.EVENT, RunStepObject.class, RunStepInProgress::new);
		add(RunStepDelta.EVENT, RunStepDeltaObject.class, RunStepDelta::new);
		add(RunStepCompleted.EVENT, RunStepObject.class, RunStepCompleted::new);
		add(RunStepFailed.EVENT, RunStepObject.class, RunStepFailed::new);
		add(RunStepCancelled.EVENT, RunStepObject.class, RunStepCancelled::new);
		add(RunStepExpired.EVENT, RunStepObject.class, RunStepExpired::new);
		add(MessageCreated.EVENT, MessageObject.class, MessageCreated::new);
		add(MessageInProgress.EVENT, MessageObject.class, MessageInProgress::new);
		add(MessageDelta.EVENT, MessageDeltaObject.class, MessageDelta::new);
		add(MessageCompleted.EVENT, MessageObject.class, MessageCompleted::new);
		add(MessageIncomplete.EVENT, MessageObject.class, MessageIncomplete::new);
		add(ErrorEvent.EVENT, ErrorEnvelope.class, (envelope) -> new ErrorEvent(envelope.error()));
		this.decoders.put(DoneEvent.EVENT, (data) -> new DoneEvent());
	}

	private <D> void add(String event, Class<D> dataType, Function<D, AssistantStreamEvent> constructor) {
		this.decoders.put(event, (data) -> constructor
			.apply(this.jsonMapper.readValue(data.bytes(), data.offset(), data.length(), dataType)));
	}

	AssistantStreamEvent decode(ApiRequest request, ClientResponse response, ServerSentEventReader.Event event) {
		String name = event.name();
		Function<ServerSentEventReader.Event, AssistantStreamEvent> decoder = this.decoders.get(name);
		if (decoder == null) {
			return new UnknownEvent(name, event.text());
		}
		try {
			return decoder.apply(event);
		}
		catch (JacksonException ex) {
			throw ApiErrors.invalidResponse(request, response,
					"the data of the '" + name + "' event is not valid: " + ex.getOriginalMessage(), event.text(), ex);
		}
	}

	/**
	 * The data of an {@code error} event: the error itself, or wrapped as in an error body.
	 */
	record ErrorEnvelope(@Nullable String message, @Nullable String type, @Nullable String param,
			@Nullable String code, @Nullable ApiError error) {

		@Override
		public ApiError error() {
			return (this.error != null) ? this.error : new ApiError(this.message, this.type, this.param, this.code);
		}

	}

}
