package dev.assistants.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that starts an {@link AssistantsEmulator} before the tests of a class, resets
 * it before each test, stops it after them, and passes it to test methods and constructors that
 * declare a parameter of its type:
 * <pre class="code">
 * &#64;ExtendWith(AssistantsEmulatorExtension.class)
 * class MyServiceTests {
 *
 *     &#64;Test
 *     void answers(AssistantsEmulator emulator) {
 *         emulator.script(ModelTurn.reply("Hi!"));
 *         var client = AssistantsTemplate.builder().baseUrl(emulator.baseUrl()).build();
 *         ...
 *     }
 *
 * }
 * </pre>
 * For Spring Boot tests, see {@link EmbeddedAssistantsEmulator}.
 */
public class AssistantsEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback,
		ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(AssistantsEmulatorExtension.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		context.getStore(NAMESPACE).put(AssistantsEmulator.class, AssistantsEmulator.start());
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		emulator(context).reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		AssistantsEmulator emulator = context.getStore(NAMESPACE).remove(AssistantsEmulator.class,
				AssistantsEmulator.class);
		if (emulator != null) {
			emulator.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == AssistantsEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return emulator(extensionContext);
	}

	private static AssistantsEmulator emulator(ExtensionContext context) {
		AssistantsEmulator emulator = context.getStore(NAMESPACE).get(AssistantsEmulator.class, AssistantsEmulator.class);
		if (emulator == null) {
			throw new IllegalStateException("No emulator: AssistantsEmulatorExtension must be registered for the class");
		}
		return emulator;
	}

}
