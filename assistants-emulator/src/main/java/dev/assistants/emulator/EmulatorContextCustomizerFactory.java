package dev.assistants.emulator;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts an {@link AssistantsEmulator} for test classes annotated with
 * {@link EmbeddedAssistantsEmulator} and registers it, with connection details that point the
 * client at it, in the test's application context.
 */
class EmulatorContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedAssistantsEmulator.class)
				? new EmulatorContextCustomizer() : null;
	}

	/**
	 * All instances are equal, so that test classes using the emulator share a cached context.
	 */
	static final class EmulatorContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			AssistantsEmulator emulator = AssistantsEmulator.start();
			DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
			beanFactory.registerSingleton("assistantsEmulator", emulator);
			beanFactory.registerDisposableBean("assistantsEmulator", emulator::close);
			beanFactory.registerSingleton("assistantsEmulatorConnectionDetails", new EmulatorConnectionDetails(emulator));
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other != null && other.getClass() == getClass();
		}

		@Override
		public int hashCode() {
			return getClass().hashCode();
		}

	}

}
