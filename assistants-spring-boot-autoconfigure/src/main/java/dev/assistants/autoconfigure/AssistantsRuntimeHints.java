package dev.assistants.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * What the client needs at run time in a native image: reflection on every type of the API's model
 * that Jackson reads or writes (records, their components, the subtypes of the sealed unions, the
 * factory methods of the open enumerations), on the client's own error envelope, and the resource
 * that holds its version. Registered through {@code META-INF/spring/aot.factories}.
 * <p>
 * The argument types of {@code AssistantFunction}s are the application's: register them for binding
 * too, for example with {@code @RegisterReflectionForBinding}.
 */
final class AssistantsRuntimeHints implements RuntimeHintsRegistrar {

	private static final String MODEL_PACKAGE = "dev.assistants.api";

	private static final String ERROR_ENVELOPE = "dev.assistants.client.StreamEventDecoder$ErrorEnvelope";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		for (BeanDefinition type : modelTypes(classLoader).findCandidateComponents(MODEL_PACKAGE)) {
			binding.registerReflectionHints(hints.reflection(), load(type.getBeanClassName(), classLoader));
		}
		binding.registerReflectionHints(hints.reflection(), load(ERROR_ENVELOPE, classLoader));
		hints.resources().registerPattern("dev/assistants/client/assistants-client.properties");
	}

	/** Every class of the model package, nested ones, interfaces and records included. */
	private static ClassPathScanningCandidateComponentProvider modelTypes(@Nullable ClassLoader classLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return true;
			}

		};
		scanner.addIncludeFilter((reader, factory) -> true);
		if (classLoader != null) {
			scanner.setResourceLoader(new DefaultResourceLoader(classLoader));
		}
		return scanner;
	}

	private static Class<?> load(@Nullable String className, @Nullable ClassLoader classLoader) {
		return ClassUtils.resolveClassName(className, classLoader);
	}

}
