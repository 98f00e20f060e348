package dev.assistants.server.autoconfigure;

import java.net.URI;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.assistants.code.jupyter.JupyterServerKernels;
import dev.assistants.code.jupyter.LocalKernels;
import dev.assistants.engine.code.CodeExecutor;

/**
 * What runs the code of {@code code_interpreter} calls, when {@code assistants-code-jupyter} is on
 * the class path: the kernels of the Jupyter Server {@code jupyter-server.url} names, else Jupyter
 * kernels on this host, each session in a bubblewrap sandbox, when bubblewrap and Jupyter's Python
 * kernel are installed. Backs off for the application's own
 * {@link CodeExecutor}; without any, {@code code_interpreter} runs are refused with a 400 that says
 * what to install.
 */
@AutoConfiguration(before = AssistantsServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = AssistantsServerProperties.ENABLED, matchIfMissing = true)
@ConditionalOnBooleanProperty(name = CodeInterpreterAutoConfiguration.ENABLED, matchIfMissing = true)
@ConditionalOnClass(LocalKernels.class)
@EnableConfigurationProperties(AssistantsServerProperties.class)
public final class CodeInterpreterAutoConfiguration {

	static final String ENABLED = AssistantsServerProperties.PREFIX + ".code-interpreter.enabled";

	private static final String JUPYTER_SERVER_URL = AssistantsServerProperties.PREFIX
			+ ".code-interpreter.jupyter-server.url";

	private static final Log logger = LogFactory.getLog(CodeInterpreterAutoConfiguration.class);

	/**
	 * Kernels of the Jupyter Server {@code jupyter-server.url} names.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(CodeExecutor.class)
	@ConditionalOnProperty(name = JUPYTER_SERVER_URL)
	JupyterServerKernels assistantsRemoteCodeExecutor(AssistantsServerProperties properties) {
		AssistantsServerProperties.CodeInterpreter code = properties.getCodeInterpreter();
		AssistantsServerProperties.JupyterServer server = code.getJupyterServer();
		JupyterServerKernels kernels = JupyterServerKernels.builder(URI.create(server.getUrl()))
			.token(server.getToken())
			.kernelName(server.getKernelName())
			.dataDirectory(server.getDataDirectory())
			.executionTimeout(code.getExecutionTimeout())
			.idleTimeout(code.getIdleTimeout())
			.maxSessions(code.getMaxSessions())
			.maxFileSize(code.getMaxFileSize().toBytes())
			.maxOutput(code.getMaxOutput())
			.build();
		logger.info("code_interpreter runs Python in " + kernels);
		return kernels;
	}

	/**
	 * Sandboxed kernels on this host, when no Jupyter Server is named.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(CodeExecutor.class)
	@Conditional(KernelsInstalled.class)
	LocalKernels assistantsCodeExecutor(AssistantsServerProperties properties) {
		AssistantsServerProperties.CodeInterpreter code = properties.getCodeInterpreter();
		LocalKernels.Builder kernels = LocalKernels.builder()
			.executionTimeout(code.getExecutionTimeout())
			.idleTimeout(code.getIdleTimeout())
			.maxSessions(code.getMaxSessions())
			.memory(code.getMemory().toBytes())
			.cpuTime(code.getCpuTime())
			.processes(code.getProcesses())
			.maxFileSize(code.getMaxFileSize().toBytes())
			.maxOutput(code.getMaxOutput())
			.sandboxUser(code.getSandboxUid(), code.getSandboxGid());
		if (code.getWorkDirectory() != null) {
			kernels.workDirectory(Path.of(code.getWorkDirectory()));
		}
		LocalKernels built = kernels.build();
		logger.info("code_interpreter runs Python in " + built);
		return built;
	}

	/**
	 * No Jupyter Server is named, and bubblewrap and Jupyter's Python kernel are installed on this
	 * host.
	 */
	static final class KernelsInstalled extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (context.getEnvironment().containsProperty(JUPYTER_SERVER_URL)) {
				return ConditionOutcome.noMatch("a Jupyter Server runs the code");
			}
			return LocalKernels.unavailable().map((missing) -> {
				logger.info("code_interpreter is off: " + missing + ". Runs that use it are refused until it is "
						+ "installed (README: code_interpreter).");
				return ConditionOutcome.noMatch(missing);
			}).orElseGet(() -> ConditionOutcome.match("bubblewrap and Jupyter's Python kernel are installed"));
		}

	}

}
