package io.github.llmtest;

import io.github.llmtest.internal.provider.Timeouts;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Secrets;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.server.ServerRequests;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The settings of one test, resolved in the documented order: annotation, configuration parameter, environment
 * variable, default.
 */
record Settings(LlmMode mode, String model, Map<String, Connection> connections, Path fixturesDir,
                boolean skipWhenUnavailable, Timeouts timeouts, List<String> ignoredFields) {

    /**
     * Where a provider's server is, and its key.
     *
     * @param url    the base URL
     * @param apiKey the key, or null
     */
    record Connection(BaseUrl url, String apiKey) {
        @Override
        public String toString() {
            return url.toString(); // never the key
        }
    }

    private static final Timeouts DEFAULT_TIMEOUTS = Timeouts.DEFAULT;

    /**
     * Resolves the settings for a test from its context and the real environment. The configuration parameters
     * and the environment are fixed for a run, so the settings of tests with the same annotations are resolved
     * once per run (a parameterized test's invocations, a class's methods).
     */
    static Settings of(ExtensionContext context) {
        List<LlmTest> annotations = annotations(context);
        return ExtensionStore.computeIfAbsent(ExtensionStore.root(context), new CacheKey(annotations),
                () -> resolve(annotations, context::getConfigurationParameter, System::getenv), Settings.class);
    }

    /**
     * The key of resolved settings in the run's store: the annotation instances themselves, compared by identity
     * (an annotation's own {@code hashCode} reads every attribute reflectively).
     */
    private static final class CacheKey {
        private final List<LlmTest> annotations;

        CacheKey(List<LlmTest> annotations) {
            this.annotations = annotations;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof CacheKey key) || key.annotations.size() != annotations.size()) {
                return false;
            }
            for (int i = 0; i < annotations.size(); i++) {
                if (key.annotations.get(i) != annotations.get(i)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (LlmTest annotation : annotations) {
                hash = 31 * hash + System.identityHashCode(annotation);
            }
            return hash;
        }
    }

    /** The {@code @LlmTest} annotations that apply, nearest first: method, class, enclosing classes. */
    static List<LlmTest> annotations(ExtensionContext context) {
        return nearest(context, LlmTest.class);
    }

    /** The annotations of a type on this context's element and its ancestors', nearest first. */
    static <A extends Annotation> List<A> nearest(ExtensionContext context, Class<A> type) {
        List<A> found = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<AnnotatedElement> element = c.get().getElement();
            element.flatMap(e -> annotation(e, type)).ifPresent(found::add);
        }
        return found;
    }

    /**
     * The nearest annotation of a type: on this context's element or, failing that, its ancestors'. Stops at the
     * first found and looks at each element once (a test template's invocation and the template share a method).
     */
    static <A extends Annotation> Optional<A> first(ExtensionContext context, Class<A> type) {
        AnnotatedElement previous = null;
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            AnnotatedElement element = c.get().getElement().orElse(null);
            if (element != null && element != previous) {
                Optional<A> found = annotation(element, type);
                if (found.isPresent()) {
                    return found;
                }
            }
            previous = element;
        }
        return Optional.empty();
    }

    /** What each element carries never changes: found once per element and type, not once per test. */
    private static final Map<AnnotatedElement, Map<Class<?>, Optional<? extends Annotation>>> FOUND =
            new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    static <A extends Annotation> Optional<A> annotation(AnnotatedElement element, Class<A> type) {
        return (Optional<A>) FOUND.computeIfAbsent(element, e -> new ConcurrentHashMap<>())
                .computeIfAbsent(type, t -> AnnotationSupport.findAnnotation(element, type));
    }

    static Settings resolve(List<LlmTest> annotations, Function<String, Optional<String>> parameters,
                            Function<String, String> environment) {
        LlmMode mode = annotations.stream().map(LlmTest::mode).filter(m -> m != LlmMode.DEFAULT).findFirst()
                .orElseGet(() -> configuredMode(parameters, environment));
        String model = model(annotations, parameters, environment);
        Map<String, Connection> connections = new LinkedHashMap<>();
        for (ProviderType type : ProviderTypes.all()) {
            String key = type.keyVariable() == null ? null : environment.apply(type.keyVariable());
            if (type.keyVariable() != null) {
                Secrets.register(type.keyVariable(), key);
            }
            connections.put(type.id(), new Connection(baseUrl(type, parameters, environment), key));
        }
        Path fixtures = fixturesDir(parameters);
        boolean skip = unavailable(parameters);
        Timeouts timeouts = new Timeouts(
                timeout(parameters, LlmTest.CONNECT_TIMEOUT_PARAMETER, DEFAULT_TIMEOUTS.connect()),
                timeout(parameters, LlmTest.READ_TIMEOUT_PARAMETER, DEFAULT_TIMEOUTS.read()),
                timeout(parameters, LlmTest.CALL_TIMEOUT_PARAMETER, DEFAULT_TIMEOUTS.call()));
        return new Settings(mode, model, Map.copyOf(connections), fixtures, skip, timeouts, ignoredFields(parameters));
    }

    private static Duration timeout(Function<String, Optional<String>> parameters, String name, Duration fallback) {
        Optional<String> value = nonBlank(parameters.apply(name));
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(value.get());
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("The configuration parameter " + name + " must be a positive "
                    + "duration such as 30s or 5m, but was '" + value.get() + "'");
        }
    }

    private static String model(List<LlmTest> annotations, Function<String, Optional<String>> parameters,
                                Function<String, String> environment) {
        String model = annotations.stream().map(LlmTest::model).filter(m -> !m.isBlank()).findFirst()
                .or(() -> nonBlank(parameters.apply(LlmTest.MODEL_PARAMETER)))
                .or(() -> nonBlank(Optional.ofNullable(environment.apply(LlmTest.MODEL_ENV))))
                .orElse(LlmTest.DEFAULT_MODEL).strip();
        try {
            return ModelName.check(model);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("The model of @LlmTest (or " + LlmTest.MODEL_PARAMETER + ", "
                    + LlmTest.MODEL_ENV + "): " + e.getMessage(), e);
        }
    }

    private static LlmMode configuredMode(Function<String, Optional<String>> parameters,
                                          Function<String, String> environment) {
        Optional<String> parameter = nonBlank(parameters.apply(LlmTest.MODE_PARAMETER));
        if (parameter.isPresent()) {
            return parseMode(parameter.get(), "configuration parameter " + LlmTest.MODE_PARAMETER);
        }
        Optional<String> env = nonBlank(Optional.ofNullable(environment.apply(LlmTest.MODE_ENV)));
        if (env.isPresent()) {
            return parseMode(env.get(), "environment variable " + LlmTest.MODE_ENV);
        }
        String ci = environment.apply("CI");
        boolean onCi = ci != null && !ci.isBlank() && !ci.strip().equalsIgnoreCase("false");
        return onCi ? LlmMode.REPLAY : LlmMode.AUTO;
    }

    private static LlmMode parseMode(String value, String source) {
        try {
            LlmMode mode = LlmMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
            if (mode != LlmMode.DEFAULT) {
                return mode;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ExtensionConfigurationException("The " + source + " must be one of live, record, replay or auto, "
                + "but was '" + value + "'");
    }

    /** The server of a provider: its configuration parameter, then its environment variable, then its default. */
    private static BaseUrl baseUrl(ProviderType type, Function<String, Optional<String>> parameters,
                                   Function<String, String> environment) {
        Optional<String> parameter = nonBlank(parameters.apply(type.urlParameter()));
        String source = parameter.isPresent() ? "configuration parameter " + type.urlParameter()
                : "environment variable " + type.urlVariable();
        String value = parameter.or(() -> nonBlank(Optional.ofNullable(environment.apply(type.urlVariable()))))
                .orElse(null);
        try {
            return type.baseUrl(value);
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("The " + source + " is not a usable base URL for "
                    + type.serverName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param type a provider
     * @return where its server is, and its key
     */
    Connection connection(ProviderType type) {
        Connection connection = connections.get(type.id());
        if (connection == null) {
            throw new IllegalStateException("no settings for the provider " + type.id());
        }
        return connection;
    }

    private static List<String> ignoredFields(Function<String, Optional<String>> parameters) {
        Optional<String> value = nonBlank(parameters.apply(LlmTest.SERVER_IGNORE_FIELDS_PARAMETER));
        List<String> pointers = new ArrayList<>();
        for (String pointer : value.map(v -> v.split(",")).orElse(new String[0])) {
            if (pointer.isBlank()) {
                continue;
            }
            try {
                pointers.add(ServerRequests.checkPointer(pointer.strip()));
            } catch (IllegalArgumentException e) {
                throw new ExtensionConfigurationException("The configuration parameter "
                        + LlmTest.SERVER_IGNORE_FIELDS_PARAMETER + " holds " + e.getMessage(), e);
            }
        }
        return List.copyOf(pointers);
    }

    private static Path fixturesDir(Function<String, Optional<String>> parameters) {
        String value = nonBlank(parameters.apply(LlmTest.FIXTURES_DIR_PARAMETER)).orElse(LlmTest.DEFAULT_FIXTURES_DIR);
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ExtensionConfigurationException("The configuration parameter " + LlmTest.FIXTURES_DIR_PARAMETER
                    + " is not a valid path: '" + value + "'", e);
        }
    }

    private static boolean unavailable(Function<String, Optional<String>> parameters) {
        String value = nonBlank(parameters.apply(LlmTest.UNAVAILABLE_PARAMETER)).orElse("fail").strip()
                .toLowerCase(Locale.ROOT);
        return switch (value) {
            case "fail" -> false;
            case "skip" -> true;
            default -> throw new ExtensionConfigurationException("The configuration parameter "
                    + LlmTest.UNAVAILABLE_PARAMETER + " must be 'fail' or 'skip', but was '" + value + "'");
        };
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.filter(v -> !v.isBlank());
    }

    @Override
    public String toString() {
        // never print the API key
        return "Settings{mode=" + mode + ", model=" + model + ", servers=" + connections
                + ", fixturesDir=" + fixturesDir + ", skipWhenUnavailable=" + skipWhenUnavailable + ", timeouts="
                + timeouts + "}";
    }
}
