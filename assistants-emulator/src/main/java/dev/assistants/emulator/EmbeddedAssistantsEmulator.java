package dev.assistants.emulator;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring Boot test against an embedded {@link AssistantsEmulator}: the emulator starts with
 * the application context, the auto-configured {@code AssistantsOperations} talks to it (through an
 * {@code OpenAiConnectionDetails} bean, which wins over {@code openai.base-url}), and the test can
 * autowire it to script the model and inspect requests:
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;EmbeddedAssistantsEmulator
 * class ChatServiceTests {
 *
 *     &#64;Autowired AssistantsEmulator emulator;
 *
 *     &#64;Autowired ChatService chat;
 *
 * }
 * </pre>
 * The emulator is shared by the tests that share the context; call {@link AssistantsEmulator#reset()}
 * to start from nothing.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EmbeddedAssistantsEmulator {

}
