package bench;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sums the CPU time of the test thread over each class's tests, from each test's start to its end as JUnit reports
 * them, and writes each sum to {@code target/test-thread-cpu/<class simple name>} (nanoseconds) when the plan ends
 * (with {@code FORKS=separate} each JVM writes its own class's).
 * {@code run.sh} reads it beside Surefire's wall-clock times: CPU time is less inflated by other work on a shared
 * machine. Registered in {@code META-INF/services}; tests run one after another on one thread here.
 */
public class TestThreadCpu implements TestExecutionListener {

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> sums = new TreeMap<>();
    private long started;

    @Override
    public void executionStarted(TestIdentifier id) {
        if (id.isTest()) {
            started = threads.getCurrentThreadCpuTime();
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (id.isTest()) {
            sums.merge(className(id.getUniqueId()), threads.getCurrentThreadCpuTime() - started, Long::sum);
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        Path dir = Path.of("target", "test-thread-cpu");
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, Long> sum : sums.entrySet()) {
                Files.writeString(dir.resolve(sum.getKey()), Long.toString(sum.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code PlainTest} from {@code [engine:junit-jupiter]/[class:bench.PlainTest]/...}. */
    private static String className(String uniqueId) {
        int start = uniqueId.indexOf("[class:bench.") + "[class:bench.".length();
        return uniqueId.substring(start, uniqueId.indexOf(']', start));
    }
}
