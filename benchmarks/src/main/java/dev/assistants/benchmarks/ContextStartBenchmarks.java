package dev.assistants.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to start an application context with and without the starter's auto-configuration, with
 * and without the actuator and Micrometer's metrics on the classpath. Each trial loads Spring Boot
 * in a class loader of its own, built from the benchmark's classpath minus, for {@code absent}, the
 * actuator's, health's and Micrometer metrics' jars, so those are really not there.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
public class ContextStartBenchmarks {

	/** The jars that make up the actuator, health and Micrometer metrics. */
	private static final List<String> ACTUATOR_JARS = List.of("spring-boot-actuator", "spring-boot-health",
			"spring-boot-micrometer-metrics", "spring-boot-starter-actuator", "spring-boot-starter-micrometer-metrics",
			"micrometer-core", "micrometer-jakarta9", "HdrHistogram", "LatencyUtils");

	/** {@code without}: our auto-configuration excluded; {@code with}: included. */
	@Param({ "without", "with" })
	public String starter;

	/** Whether the actuator and Micrometer's metrics are on the classpath. */
	@Param({ "absent", "present" })
	public String actuator;

	private URLClassLoader classLoader;

	private Method start;

	@Setup(Level.Trial)
	public void load() throws ReflectiveOperationException {
		List<URL> classpath = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			String name = new File(entry).getName();
			if (this.actuator.equals("present") || ACTUATOR_JARS.stream().noneMatch(name::startsWith)) {
				classpath.add(url(entry));
			}
		}
		this.classLoader = new URLClassLoader(classpath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
		this.start = this.classLoader.loadClass(ContextStart.class.getName()).getMethod("start", boolean.class);
	}

	@Benchmark
	public Object start() throws ReflectiveOperationException {
		Thread thread = Thread.currentThread();
		ClassLoader previous = thread.getContextClassLoader();
		thread.setContextClassLoader(this.classLoader);
		try {
			return this.start.invoke(null, this.starter.equals("with"));
		}
		finally {
			thread.setContextClassLoader(previous);
		}
	}

	@TearDown(Level.Trial)
	public void close() throws IOException {
		this.classLoader.close();
	}

	private static URL url(String entry) {
		try {
			return new File(entry).toURI().toURL();
		}
		catch (MalformedURLException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
