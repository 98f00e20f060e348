package dev.assistants.autoconfigure;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

import org.junit.jupiter.api.Test;

import dev.assistants.api.ApiError;
import dev.assistants.api.AssistantStreamEvent;
import dev.assistants.api.MessageContent;
import dev.assistants.api.RunStatus;
import dev.assistants.client.AssistantsOperations;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image of an application with the starter needs: every type Jackson binds when
 * the client reads or writes the API's objects, the subtypes of the unions, the client's resource.
 */
class AssistantsRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	AssistantsRuntimeHintsTests() {
		new AssistantsRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void areRegisteredForAot() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(AssistantsRuntimeHints.class);
	}

	@Test
	void bindEveryTypeTheOperationsReturnAndTakeWithTheirComponents() {
		for (Method operation : AssistantsOperations.class.getMethods()) {
			assertBound(operation.getGenericReturnType());
			for (Type parameter : operation.getGenericParameterTypes()) {
				assertBound(parameter);
			}
		}
	}

	@Test
	void bindTheSubtypesOfTheUnionsAndTheFactoriesOfTheOpenEnumerations() throws NoSuchMethodException {
		for (Class<?> union : new Class<?>[] { AssistantStreamEvent.class, MessageContent.class }) {
			assertThat(union.getPermittedSubclasses()).isNotEmpty().allSatisfy(this::assertBound);
		}
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(RunStatus.class.getMethod("of", String.class)))
			.accepts(this.hints);
	}

	@Test
	void coverTheClientsErrorEnvelopeAndVersion() {
		assertThat(RuntimeHintsPredicates.reflection().onType(ApiError.class))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.assistants.client.StreamEventDecoder$ErrorEnvelope"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/assistants/client/assistants-client.properties"))
			.accepts(this.hints);
	}

	private void assertBound(Type type) {
		if (type instanceof ParameterizedType parameterized) {
			for (Type argument : parameterized.getActualTypeArguments()) {
				assertBound(argument);
			}
			return;
		}
		if (!(type instanceof Class<?> bound) || !bound.getPackageName().equals("dev.assistants.api")) {
			return;
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(bound)).as("hints for %s", bound).accepts(this.hints);
		if (bound.isRecord()) {
			assertThat(RuntimeHintsPredicates.reflection().onType(bound)
				.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as("constructors of %s", bound)
				.accepts(this.hints);
			for (RecordComponent component : bound.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as("%s.%s()", bound.getSimpleName(), component.getName())
					.accepts(this.hints);
			}
		}
	}

}
