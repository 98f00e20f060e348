package dev.assistants.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

import dev.assistants.client.ActiveRunException;
import dev.assistants.client.NotFoundException;

/**
 * A user's mistakes answered as what they are, a 4xx with a {@link ProblemDetail} saying what was
 * wrong, instead of a 500: a message that is missing or blank (400), a conversation that does not
 * exist (404), a message sent while the previous one is still being answered (409). Nothing is
 * logged above DEBUG for them.
 */
@RestControllerAdvice
class ChatProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail unknownConversation(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"There is no conversation with this conversationId; leave it out to start one.");
		problem.setTitle("Unknown conversation");
		return problem;
	}

	@ExceptionHandler(ActiveRunException.class)
	ProblemDetail busy(ActiveRunException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"The assistant is still answering the previous message of this conversation (run " + ex.getRunId()
						+ "); send this one when it has.");
		problem.setTitle("Conversation busy");
		return problem;
	}

}
