package io.github.llmtest.internal.report;

import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.fixture.Preloads;
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
 * What a run with {@code @LlmTest} classes will read, prepared on a background daemon thread as soon as the test
 * plan starts, while JUnit runs other tests: the fixture files of those classes ({@link Preloads}). (llmtest's server
 * is started at the same moment by {@code internal.server.ServerPlans}.)
 */
final class RunAhead {

    private RunAhead() {
    }

    /** Starts the preparation, if the plan has {@code @LlmTest} classes. */
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
