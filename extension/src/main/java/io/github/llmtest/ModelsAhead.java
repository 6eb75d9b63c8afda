package io.github.llmtest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models of one {@link CompareModels @CompareModels} test (without {@code @LlmDataset}, which runs its own
 * cases), run ahead together: when the first invocation starts in {@code live}, {@code record} or {@code auto} mode,
 * every model's parts (its test body, or its {@code @Samples} samples) run, each in a {@link TestSession} of its
 * own, on a pool per server ({@link RunAhead#pools}), so models on different servers overlap; each invocation then
 * reports its own model's outcome. Replay, a method without an {@link Llm} parameter or with an {@link LlmServer}
 * one, and a class whose {@code @BeforeEach} or {@code @AfterEach} methods take an {@code Llm} or {@code LlmServer}
 * (they prepare each model's run, so the models must follow one another) keep the models one after another.
 *
 * <p>Shared by the invocations of one test template: {@link CompareModelsExtension} keeps it in the template's
 * store, where {@link SamplesExtension} finds it.
 */
final class ModelsAhead {

    private final List<String> models;
    /** Set once, by the first invocation that asks: each model's outcome, or empty when they run one by one. */
    private volatile Map<String, Outcomes> outcomes;

    ModelsAhead(List<String> models) {
        this.models = List.copyOf(models);
    }

    /** The key of a template's models in its store. */
    private static String key(ExtensionContext template) {
        return "models-ahead:" + template.getUniqueId();
    }

    /** Keeps this in the store of the test template {@code context}, for its invocations. */
    ModelsAhead storeIn(ExtensionContext template) {
        ExtensionStore.of(template).put(key(template), this);
        return this;
    }

    /** @return the models of the comparison an invocation belongs to, when it is a plain {@code @CompareModels} one */
    static Optional<ModelsAhead> of(ExtensionContext invocation) {
        return invocation.getParent().map(t -> ExtensionStore.of(t).get(key(t), ModelsAhead.class));
    }

    /**
     * What one model's parts did.
     *
     * @param sessions each part's session, in part order, its report entries held until {@link TestSession#release}
     * @param thrown   what each part threw, or null where it passed, in part order
     */
    record Outcomes(List<TestSession> sessions, List<Throwable> thrown) {
    }

    /** Makes the session of one part of one model. */
    @FunctionalInterface
    interface PartSession {
        TestSession make(int part);
    }

    /**
     * The outcome of {@code model}'s parts, all models' parts run when the first invocation asks; empty when the
     * models run one after another (the invocation then runs as it always did).
     *
     * @param context    the invocation's context
     * @param invocation the invocation of the test method
     * @param model      the invocation's model
     * @param parts      how many parts each model has: 1 (its body), or its samples
     * @param session    makes a part's session
     */
    synchronized Optional<Outcomes> outcomes(ExtensionContext context, ReflectiveInvocationContext<Method> invocation,
                                             String model, int parts, PartSession session) {
        if (outcomes == null) {
            outcomes = runAll(context, invocation, parts, session);
        }
        return Optional.ofNullable(outcomes.get(model));
    }

    /** @return the session a model's only part ran in, once the models ran ahead; empty before or otherwise */
    Optional<TestSession> session(String model) {
        Map<String, Outcomes> done = outcomes;
        return done == null || !done.containsKey(model) ? Optional.empty()
                : Optional.of(done.get(model).sessions().get(0));
    }

    private Map<String, Outcomes> runAll(ExtensionContext context, ReflectiveInvocationContext<Method> invocation,
                                         int parts, PartSession session) {
        Method method = invocation.getExecutable();
        if (models.size() < 2 || !eligible(context, method)) {
            return Map.of();
        }
        List<String> partModels = new ArrayList<>(models.size() * parts);
        models.forEach(m -> partModels.addAll(Collections.nCopies(parts, m)));
        List<RunAhead.Pool> pools;
        try {
            pools = RunAhead.pools(LlmExtension.session(context), partModels, LlmDataset.DEFAULT_PARALLELISM);
        } catch (RuntimeException e) {
            return Map.of(); // a model whose server cannot be reached so: its own invocation says why
        }
        if (RunAhead.width(pools) < 2) {
            return Map.of(); // one server taking one request at a time: nothing would overlap
        }
        List<TestSession> sessions = new ArrayList<>(partModels.size());
        for (int i = 0; i < partModels.size(); i++) {
            sessions.add(session.make(i % parts));
        }
        Throwable[] thrown = RunAhead.concurrently(context, sessions, pools, "llmtest-models",
                i -> RunAhead.invoke(invocation, arguments(invocation, sessions.get(i), partModels.get(i))));
        Map<String, Outcomes> done = new LinkedHashMap<>();
        for (int m = 0; m < models.size(); m++) {
            int from = m * parts;
            done.put(models.get(m), new Outcomes(List.copyOf(sessions.subList(from, from + parts)),
                    Collections.unmodifiableList(Arrays.asList(Arrays.copyOfRange(thrown, from,
                            from + parts)))));
        }
        return Map.copyOf(done);
    }

    /**
     * Whether the models may run ahead: not in replay (no call to wait for; the models then run on the test's
     * thread as before), through the method's {@code Llm} parameters, and with no {@code LlmServer} and no lifecycle
     * method that takes a client.
     */
    private static boolean eligible(ExtensionContext context, Method method) {
        if (Settings.of(context).mode() == LlmMode.REPLAY) {
            return false;
        }
        List<Class<?>> types = List.of(method.getParameterTypes());
        return types.contains(Llm.class) && !types.contains(LlmServer.class)
                && !lifecycleTakesAClient(context.getRequiredTestClass());
    }

    /**
     * Whether a {@code @BeforeEach} or {@code @AfterEach} method of the class, or of a class enclosing it that runs
     * them for it (a {@code @Nested} class is an inner class), takes a client.
     */
    static boolean lifecycleTakesAClient(Class<?> testClass) {
        List<Class<? extends Annotation>> lifecycle = List.of(BeforeEach.class, AfterEach.class);
        for (Class<?> c = testClass; c != null;
             c = Modifier.isStatic(c.getModifiers()) ? null : c.getEnclosingClass()) {
            for (Class<? extends Annotation> annotation : lifecycle) {
                for (Method m : AnnotationSupport.findAnnotatedMethods(c, annotation,
                        HierarchyTraversalMode.TOP_DOWN)) {
                    for (Class<?> type : m.getParameterTypes()) {
                        if (type == Llm.class || type == LlmServer.class) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** The test's arguments, each {@link Llm} bound to the part's session and model. */
    private static Object[] arguments(ReflectiveInvocationContext<Method> invocation, TestSession session,
                                      String model) {
        Object[] args = invocation.getArguments().toArray();
        for (int i = 0; i < args.length; i++) {
            if (args[i] instanceof Llm) {
                args[i] = new DefaultLlm(session, model, Llm.DEFAULT_OPTIONS);
            }
        }
        return args;
    }
}
