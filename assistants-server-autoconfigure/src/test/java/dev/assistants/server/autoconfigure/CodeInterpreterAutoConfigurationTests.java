package dev.assistants.server.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.assistants.code.jupyter.JupyterServerKernels;
import dev.assistants.code.jupyter.LocalKernels;
import dev.assistants.engine.TestCodeExecutor;
import dev.assistants.engine.code.CodeExecutor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What runs code_interpreter code: a Jupyter Server's kernels when one is named, else local
 * sandboxed kernels when they are installed (as {@code .ci/run} installs them), none when turned
 * off, and the application's own executor.
 */
class CodeInterpreterAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CodeInterpreterAutoConfiguration.class));

	@Test
	void runsCodeInLocalKernelsWithTheConfiguredLimits() {
		this.runner.withPropertyValues("assistants.server.code-interpreter.max-sessions=3",
				"assistants.server.code-interpreter.memory=512MB").run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(CodeExecutor.class)).isInstanceOf(LocalKernels.class)
						.hasToString("local Jupyter kernels in bubblewrap sandboxes (0 of 3 sessions)");
				});
	}

	@Test
	void runsCodeInTheKernelsOfTheJupyterServerItIsGiven() {
		this.runner.withPropertyValues("assistants.server.code-interpreter.jupyter-server.url=http://gateway.internal:8888",
				"assistants.server.code-interpreter.jupyter-server.token=jupyter-secret").run((context) -> {
					assertThat(context).hasNotFailed();
					assertThat(context.getBean(CodeExecutor.class)).isInstanceOf(JupyterServerKernels.class)
						.hasToString("Jupyter kernels on http://gateway.internal:8888/ (0 of 16 sessions)");
				});
	}

	@Test
	void runsNoCodeWhenTurnedOff() {
		this.runner.withPropertyValues("assistants.server.code-interpreter.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(CodeExecutor.class));
	}

	@Test
	void backsOffForTheApplicationsExecutor() {
		this.runner.withUserConfiguration(OwnExecutor.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(CodeExecutor.class)).isInstanceOf(TestCodeExecutor.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnExecutor {

		@Bean
		TestCodeExecutor codeExecutor() {
			return new TestCodeExecutor();
		}

	}

}
