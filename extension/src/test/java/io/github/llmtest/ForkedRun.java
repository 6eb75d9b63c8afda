package io.github.llmtest;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs test classes in a separate JVM, for what cannot happen in this one: other environment variables, or a
 * process killed with SIGKILL. {@link #main} is the child's entry point.
 */
final class ForkedRun {

    private ForkedRun() {
    }

    /** Child: {@code ForkedRun <class>[,<class>...] [key=value...]} runs the classes through the launcher. */
    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
        for (String name : args[0].split(",")) {
            request.selectors(selectClass(name));
        }
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            request.configurationParameter(kv[0], kv[1]);
        }
        LauncherDiscoveryRequest built = request.build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(built, summary, new org.junit.platform.launcher.TestExecutionListener() {
            @Override
            public void executionSkipped(org.junit.platform.launcher.TestIdentifier test, String reason) {
                System.out.println("FORKED-SKIPPED " + test.getDisplayName() + ": " + reason);
            }
        });
        System.out.println("FORKED-SUMMARY succeeded=" + summary.getSummary().getTestsSucceededCount()
                + " failed=" + summary.getSummary().getTestsFailedCount());
        summary.getSummary().getFailures().forEach(f -> System.out.println("FORKED-FAILURE " + f.getException()));
    }

    /** Starts a child JVM with this test classpath and extra environment variables. */
    static Process start(Class<?> testClass, Map<String, String> config, Map<String, String> environment,
                         Path output) throws IOException {
        return start(List.of(testClass), config, environment, output);
    }

    /** Starts a child JVM that runs the classes in one test plan. */
    static Process start(List<Class<?>> testClasses, Map<String, String> config, Map<String, String> environment,
                         Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""));
        command.add(ForkedRun.class.getName());
        command.add(String.join(",", testClasses.stream().map(Class::getName).toList()));
        config.forEach((k, v) -> command.add(k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("CI");
        builder.environment().putAll(environment);
        return builder.start();
    }

    static int await(Process process) throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("forked JVM did not finish within 2 minutes");
        }
        return process.exitValue();
    }
}
