package bench;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;
import java.util.List;

/**
 * Runs {@link AFirstTest} first (it pays JUnit's cold start), then the plain and the replayed tests (calls:
 * {@link PlainTest}, {@link ReplayedTest}; a dataset: {@link PlainCasesTest}, {@link ReplayedDatasetTest}) in the
 * order the system property {@code bench.order} names: {@code plain-first} (the default) or {@code replayed-first}. Each
 * order favours one side: whichever runs second finds more of the JVM warm, and the background warm-up of llmtest
 * overlaps whatever runs first. run.sh measures both and reports their mean.
 */
public class BenchOrder implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        boolean replayedFirst = "replayed-first".equals(System.getProperty("bench.order"));
        List<String> order = replayedFirst
                ? List.of("AFirstTest", "ReplayedTest", "ReplayedDatasetTest", "PlainTest", "PlainCasesTest")
                : List.of("AFirstTest", "PlainTest", "PlainCasesTest", "ReplayedTest", "ReplayedDatasetTest");
        context.getClassDescriptors().sort(Comparator.comparingInt(d -> {
            int at = order.indexOf(d.getTestClass().getSimpleName());
            return at < 0 ? order.size() : at;
        }));
    }
}
