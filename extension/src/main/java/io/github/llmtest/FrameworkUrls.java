package io.github.llmtest;

import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.server.RecordingServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks, when a test asks for {@link LlmServer}, that the application it tests is configured to call it: reads the
 * base URLs the application's framework resolved for its model clients ({@link ProviderType#frameworkUrlSettings()},
 * such as {@code spring.ai.ollama.base-url}) and fails the test, naming the setting and the property to give it,
 * when one is set to another server or cannot be resolved. Otherwise the application's calls would go to that server
 * unrecorded (a model answering live where one runs, a refused connection where none does).
 *
 * <p>Read by reflection, so that llmtest depends on no framework: Spring's {@code ApplicationContext} of a test class
 * run by {@code SpringExtension} (its {@code Environment}), and the MicroProfile {@code Config} of a
 * {@code @QuarkusTest} class (Quarkus boots the application before the test method runs). A setting that is not
 * set is not judged: the application may not use that client. Not API.
 */
final class FrameworkUrls {

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";
    private static final String QUARKUS_TEST = "io.quarkus.test.junit.QuarkusTest";

    private FrameworkUrls() {
    }

    /**
     * @throws ParameterResolutionException when a framework setting of the test's application points elsewhere
     */
    static void check(ExtensionContext context, RecordingServer server) {
        Optional<Class<?>> testClass = context.getTestClass();
        if (testClass.isEmpty()) {
            return;
        }
        Optional<Framework> framework = framework(testClass.get(), context);
        if (framework.isEmpty()) {
            return;
        }
        Map<String, String> settings = new TreeMap<>();
        for (ProviderType type : ProviderTypes.all()) {
            settings.putAll(type.frameworkUrlSettings());
        }
        List<String> problems = new ArrayList<>();
        settings.forEach((setting, property) -> {
            Resolved resolved = framework.get().resolve(setting);
            if (resolved.failure() != null) {
                problems.add(setting + " could not be resolved (" + resolved.failure() + ")");
            } else if (resolved.value() != null && !pointsAt(resolved.value(), server)) {
                problems.add(setting + " is " + resolved.value());
            }
        });
        if (!problems.isEmpty()) {
            throw new ParameterResolutionException(message(framework.get(), problems, settings, server));
        }
    }

    static boolean pointsAt(String url, RecordingServer server) {
        String root = server.ollamaUrl();
        String value = url.strip();
        return value.equals(root) || value.startsWith(root + "/")
                || value.replace("//localhost:", "//127.0.0.1:").equals(root)
                || value.replace("//localhost:", "//127.0.0.1:").startsWith(root + "/");
    }

    private static String message(Framework framework, List<String> problems, Map<String, String> settings,
            RecordingServer server) {
        String first = problems.get(0).substring(0, problems.get(0).indexOf(' '));
        String property = settings.get(first);
        return "llmtest: the application under test is not configured to call LlmServer (" + server.ollamaUrl()
                + "), so its LLM calls would reach another server unrecorded, or fail: " + String.join("; ", problems)
                + ". " + framework.remedy(first, property) + " (" + property
                + " is set when the test plan starts, before any application boots.)";
    }

    private record Resolved(String value, String failure) {
    }

    private interface Framework {
        Resolved resolve(String setting);

        String remedy(String setting, String property);
    }

    private static Optional<Framework> framework(Class<?> testClass, ExtensionContext context) {
        ClassLoader loader = testClass.getClassLoader();
        if (loader == null) {
            return Optional.empty();
        }
        if (isQuarkusTest(testClass)) {
            return quarkus(loader);
        }
        boolean spring = AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .flatMap(e -> Arrays.stream(e.value())).anyMatch(c -> c.getName().equals(SPRING_EXTENSION));
        return spring ? spring(loader, context) : Optional.empty();
    }

    private static boolean isQuarkusTest(Class<?> testClass) {
        for (Annotation annotation : testClass.getAnnotations()) {
            if (annotation.annotationType().getName().equals(QUARKUS_TEST)) {
                return true;
            }
            for (Annotation meta : annotation.annotationType().getAnnotations()) {
                if (meta.annotationType().getName().equals(QUARKUS_TEST)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Framework> quarkus(ClassLoader loader) {
        try {
            Object config = Class.forName("org.eclipse.microprofile.config.ConfigProvider", true, loader)
                    .getMethod("getConfig", ClassLoader.class).invoke(null, loader);
            Method value = Class.forName("org.eclipse.microprofile.config.Config", false, loader)
                    .getMethod("getOptionalValue", String.class, Class.class);
            return Optional.of(new Framework() {
                @Override
                public Resolved resolve(String setting) {
                    return read(() -> ((Optional<?>) value.invoke(config, setting, String.class))
                            .map(Object::toString).orElse(null));
                }

                @Override
                public String remedy(String setting, String property) {
                    return "Add %test." + setting + "=${" + property + "} to src/main/resources/application.properties.";
                }
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static Optional<Framework> spring(ClassLoader loader, ExtensionContext context) {
        try {
            Object application = Class.forName(SPRING_EXTENSION, false, loader)
                    .getMethod("getApplicationContext", ExtensionContext.class).invoke(null, context);
            Object environment = Class.forName("org.springframework.core.env.EnvironmentCapable", false, loader)
                    .getMethod("getEnvironment").invoke(application);
            Method value = Class.forName("org.springframework.core.env.PropertyResolver", false, loader)
                    .getMethod("getProperty", String.class);
            return Optional.of(new Framework() {
                @Override
                public Resolved resolve(String setting) {
                    return read(() -> (String) value.invoke(environment, setting));
                }

                @Override
                public String remedy(String setting, String property) {
                    return "Set " + setting + "=${" + property + "} in src/test/resources/application.properties, "
                            + "or add it with @DynamicPropertySource.";
                }
            });
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private interface Read {
        String value() throws ReflectiveOperationException;
    }

    private static Resolved read(Read read) {
        try {
            return new Resolved(read.value(), null);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Resolved(null, cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Resolved(null, null);
        }
    }
}
