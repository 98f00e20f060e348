package dev.assistants.sample;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

/**
 * Questions about the shop's documents over HTTP: {@code POST /documents/ask} answers with the
 * documents it cites.
 */
@RestController
class DocumentsController {

	private final DocumentsService documents;

	DocumentsController(DocumentsService documents) {
		this.documents = documents;
	}

	@PostMapping("/documents/ask")
	Mono<DocumentsService.Answer> ask(@RequestBody Question question) {
		if (!StringUtils.hasText(question.question())) {
			throw new ServerWebInputException("question must not be blank");
		}
		return this.documents.ask(question.question());
	}

	/**
	 * A question about the documents.
	 *
	 * @param question the question
	 */
	record Question(@Nullable String question) {
	}

}
