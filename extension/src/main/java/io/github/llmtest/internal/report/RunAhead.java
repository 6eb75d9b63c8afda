package io.github.llmtest.internal.report;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.fixture.Preloads;
import io.github.llmtest.internal.server.RecordingServer;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a run with {@code @LlmTest} classes needs before its first class, done as soon as the test plan starts:
 * llmtest's server is started, so that its URLs ({@code llmtest.server.ollama-url}, {@code openai-url}) are system
 * properties before any test class's callbacks run, whatever the order of its annotations and whichever class boots
 * the application (Quarkus boots it in its own {@code beforeAll}, Spring caches a context for later classes); and
 * the fixture files of those classes are read on a background daemon thread ({@link Preloads}), while JUnit runs
 * other tests. A plan without {@code @LlmTest} classes starts nothing.
 */
final class RunAhead {

    private RunAhead() {
    }

    /** Starts the server and the preparation, if the plan has {@code @LlmTest} classes. */
    static void start(TestPlan plan) {
        List<String> classes = llmTestClasses(plan);
        if (classes.isEmpty()) {
            return;
        }
        List<Path> directories = directories(plan, classes);
        if (!directories.isEmpty()) {
            Thread thread = new Thread(() -> Preloads.run(directories), "llmtest-fixture-preload");
            thread.setDaemon(true);
            thread.start();
        }
        // the same start the first @LlmTest class made before, moved ahead of every class: no work is added
        RecordingServer.startAhead();
    }

    /**
     * The fixture directories the run will read: {@code <fixtures dir>/<class name>} of each {@code @LlmTest} class,
     * in plan order. Empty when the run records or runs live (nothing is read then, and the plan is not searched);
     * the fixtures directory is the configured one, since an annotation cannot move it.
     */
    static List<Path> directories(TestPlan plan) {
        return directories(plan, null);
    }

    /** As {@link #directories(TestPlan)}, with the plan's {@code @LlmTest} classes when they are known already. */
    private static List<Path> directories(TestPlan plan, List<String> known) {
        Optional<String> mode = plan.getConfigurationParameters().get(SettingNames.MODE)
                .or(() -> Optional.ofNullable(System.getenv(SettingNames.MODE_ENV))).filter(m -> !m.isBlank())
                .map(m -> m.strip().toLowerCase(Locale.ROOT));
        if (mode.isPresent() && (mode.get().equals("record") || mode.get().equals("live"))) {
            return List.of();
        }
        Path root;
        try {
            root = Path.of(plan.getConfigurationParameters().get(SettingNames.FIXTURES_DIR)
                    .filter(d -> !d.isBlank()).orElse(SettingNames.DEFAULT_FIXTURES_DIR));
        } catch (RuntimeException e) {
            return List.of();
        }
        List<Path> directories = new ArrayList<>();
        (known == null ? llmTestClasses(plan) : known).forEach(name -> directories.add(root.resolve(name)));
        return directories;
    }

    /**
     * The classes of the plan that are, or have methods, annotated with {@code @LlmTest}, in plan order: found by
     * the tag the annotation carries ({@value SettingNames#LLM_TAG}), so that this listener needs no annotation.
     */
    static List<String> llmTestClasses(TestPlan plan) {
        Set<String> classes = new LinkedHashSet<>();
        TestTag llm = TestTag.create(SettingNames.LLM_TAG);
        for (TestIdentifier top : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(top)) {
                if (id.getTags().contains(llm)) {
                    id.getSource().flatMap(RunAhead::javaClass).ifPresent(c -> classes.add(c.getName()));
                }
            }
        }
        return new ArrayList<>(classes);
    }

    private static Optional<Class<?>> javaClass(TestSource source) {
        try {
            if (source instanceof ClassSource c) {
                return Optional.of(c.getJavaClass());
            }
            if (source instanceof MethodSource m) {
                return Optional.of(m.getJavaClass());
            }
        } catch (RuntimeException | LinkageError e) {
            // a class the plan cannot load is reported by the engine, not here
        }
        return Optional.empty();
    }
}
