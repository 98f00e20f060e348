package dev.assistants.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A message of a thread ({@code MessageObject}).
 *
 * @param id the identifier, which can be referenced in API endpoints
 * @param object the object type, always {@code thread.message}
 * @param createdAt the Unix timestamp (in seconds) of the creation
 * @param threadId the ID of the thread the message belongs to
 * @param status the status of the message
 * @param incompleteDetails why the message is incomplete, when it is
 * @param completedAt the Unix timestamp (in seconds) of the completion
 * @param incompleteAt the Unix timestamp (in seconds) when it was marked incomplete
 * @param role the entity that produced the message
 * @param content the content of the message
 * @param assistantId the ID of the assistant that authored the message, if any
 * @param runId the ID of the run that created the message, if any
 * @param attachments the files attached to the message
 * @param metadata up to 16 key-value pairs attached to the object
 */
public record MessageObject(String id, String object, @JsonProperty("created_at") long createdAt,
		@JsonProperty("thread_id") String threadId, MessageStatus status,
		@JsonProperty("incomplete_details") @Nullable IncompleteDetails incompleteDetails,
		@JsonProperty("completed_at") @Nullable Long completedAt,
		@JsonProperty("incomplete_at") @Nullable Long incompleteAt, MessageRole role, List<MessageContent> content,
		@JsonProperty("assistant_id") @Nullable String assistantId, @JsonProperty("run_id") @Nullable String runId,
		@Nullable List<MessageAttachment> attachments, @Nullable Map<String, String> metadata) {

	/**
	 * A copy of this message with the given content, as a stream's deltas build it up.
	 * @param content the new content
	 * @return the new message
	 */
	public MessageObject withContent(List<MessageContent> content) {
		return new MessageObject(this.id, this.object, this.createdAt, this.threadId, this.status,
				this.incompleteDetails, this.completedAt, this.incompleteAt, this.role, content, this.assistantId,
				this.runId, this.attachments, this.metadata);
	}

	/**
	 * The files the message's text cites, as {@code file_search} answers mark them, in the order of
	 * the text.
	 * @return the citations, with the text each replaces and the cited file's ID
	 */
	public List<MessageContentTextAnnotationsFileCitationObject> fileCitations() {
		return this.content.stream()
			.filter(MessageContentTextObject.class::isInstance)
			.flatMap((part) -> ((MessageContentTextObject) part).text().annotations().stream())
			.filter(MessageContentTextAnnotationsFileCitationObject.class::isInstance)
			.map(MessageContentTextAnnotationsFileCitationObject.class::cast)
			.toList();
	}

	/**
	 * Why a message is incomplete.
	 *
	 * @param reason the reason
	 */
	public record IncompleteDetails(MessageIncompleteReason reason) {
	}

}
