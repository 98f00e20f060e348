package dev.assistants.code.jupyter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The sandbox of a kernel: a bubblewrap process with no network (its own, empty network namespace),
 * its own process, IPC and user namespaces, a read-only {@code /usr}, an empty {@code /tmp}, no
 * environment but what it is given, a read-only root, and one writable directory, the session's, at
 * {@code /mnt/data}. A server that runs as root runs the sandbox as an unprivileged user
 * (through {@code setpriv}), so that the kernel's process limit holds.
 */
final class Sandbox {

	static final String BWRAP = "/usr/bin/bwrap";

	static final String PYTHON = "/usr/bin/python3";

	private static final String SETPRIV = "/usr/bin/setpriv";

	/** Where the driver is inside the sandbox. */
	private static final String DRIVER = "/opt/assistants/kernel_driver.py";

	/** The size of the sandbox's {@code /tmp}, where the kernel keeps its sockets. */
	private static final String TMP_SIZE = String.valueOf(64 * 1024 * 1024);

	/** The system files Python, matplotlib and their fonts read, bound read-only where they exist. */
	private static final List<String> SYSTEM_FILES = List.of("/etc/alternatives", "/etc/fonts", "/etc/matplotlibrc",
			"/etc/ld.so.cache");

	private Sandbox() {
	}

	/**
	 * Why kernels cannot run on this host, or {@code null} if they can: a sandbox must start, and
	 * Python in it must import ipykernel and jupyter_client.
	 * @param user the user the sandbox runs as when the server runs as root
	 */
	static @Nullable String unavailable(SandboxUser user) {
		if (!Files.isExecutable(Path.of(BWRAP))) {
			return "bubblewrap is not installed (" + BWRAP + ")";
		}
		if (runsAsRoot() && !Files.isExecutable(Path.of(SETPRIV))) {
			return "setpriv is not installed (" + SETPRIV + "), which a server running as root needs";
		}
		try {
			ProcessBuilder builder = new ProcessBuilder(
					command(List.of(), List.of(PYTHON, "-c", "import ipykernel, jupyter_client"), user))
				.redirectErrorStream(true);
			builder.environment().clear();
			Process probe = builder.start();
			byte[] said = probe.getInputStream().readNBytes(2048);
			if (!probe.waitFor(30, TimeUnit.SECONDS)) {
				probe.destroyForcibly();
				return "a sandbox did not start within 30 seconds";
			}
			if (probe.exitValue() == 0) {
				return null;
			}
			String reason = new String(said, StandardCharsets.UTF_8).strip();
			return reason.contains("ModuleNotFoundError") || reason.contains("No such file")
					? "Jupyter's Python kernel is not installed (" + PYTHON + " cannot import ipykernel and jupyter_client)"
					: "a sandbox cannot start here: " + reason;
		}
		catch (IOException ex) {
			return "a sandbox cannot start here: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted while trying a sandbox";
		}
	}

	/**
	 * The command that starts a session's kernel.
	 * @param data the session's directory, its {@code /mnt/data}
	 * @param driver the driver script on the host
	 * @param limits the kernel's limits, as the driver reads them (JSON)
	 * @param user the user the sandbox runs as when the server runs as root
	 */
	static List<String> kernel(Path data, Path driver, String limits, SandboxUser user) {
		return command(List.of("--ro-bind", driver.toString(), DRIVER, "--bind", data.toString(), "/mnt/data"),
				List.of(PYTHON, "-u", DRIVER, limits), user);
	}

	/** A program in a sandbox with these paths bound into it, {@code /mnt/data} its working directory. */
	private static List<String> command(List<String> binds, List<String> program, SandboxUser user) {
		List<String> command = new ArrayList<>();
		if (runsAsRoot()) {
			command.addAll(List.of(SETPRIV, "--reuid=" + user.uid(), "--regid=" + user.gid(), "--clear-groups", "--"));
		}
		command.addAll(List.of(BWRAP, "--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent",
				"--new-session", "--clearenv", "--setenv", "PATH", "/usr/bin", "--setenv", "HOME", "/tmp", "--setenv",
				"PYDEVD_DISABLE_FILE_VALIDATION", "1", "--setenv", "OPENBLAS_NUM_THREADS", "1", "--ro-bind", "/usr",
				"/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64", "--symlink", "usr/bin",
				"/bin", "--symlink", "usr/sbin", "/sbin"));
		for (String file : SYSTEM_FILES) {
			command.addAll(List.of("--ro-bind-try", file, file));
		}
		command.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", TMP_SIZE, "--tmpfs", "/tmp", "--dir",
				"/mnt/data"));
		command.addAll(binds);
		command.addAll(List.of("--remount-ro", "/", "--chdir", "/mnt/data"));
		command.addAll(program);
		return command;
	}

	/** Whether this process runs as root, which the sandbox must then not. */
	static boolean runsAsRoot() {
		try {
			return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * The unprivileged user a sandbox runs as when the server runs as root.
	 * @param uid its user ID
	 * @param gid its group ID
	 */
	record SandboxUser(int uid, int gid) {
	}

}
