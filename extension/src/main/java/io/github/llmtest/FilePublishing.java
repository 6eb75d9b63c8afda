package io.github.llmtest;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Attaches a file to a test through {@code ExtensionContext.publishFile}, which JUnit added in 5.12: IntelliJ,
 * Gradle's test report and the Open Test Reporting XML show such files with the test. llmtest builds against JUnit
 * 5.10 and runs on 5.10 to 6, so the method is looked up once and called reflectively: the one place that does.
 * JUnit 5.13 moved its {@code MediaType} to {@code org.junit.jupiter.api} (6.0 keeps the old one deprecated), so the
 * newest signature found is used, its media type made by its own {@code parse}.
 */
final class FilePublishing {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");
    private static final String NEW_MEDIA_TYPE = "org.junit.jupiter.api.MediaType";
    /** {@code publishFile(String, MediaType, ThrowingConsumer<Path>)}, or empty before JUnit 5.12. */
    private static final Optional<Method> PUBLISH_FILE = Arrays.stream(ExtensionContext.class.getMethods())
            .filter(m -> m.getName().equals("publishFile") && m.getParameterCount() == 3
                    && m.getParameterTypes()[0] == String.class && m.getParameterTypes()[2] == ThrowingConsumer.class)
            .min(Comparator.comparing(m -> m.getParameterTypes()[1].getName().equals(NEW_MEDIA_TYPE) ? 0 : 1));

    private FilePublishing() {
    }

    /** @return whether this JUnit can attach files to a test (5.12 and newer) */
    static boolean available() {
        return PUBLISH_FILE.isPresent();
    }

    /**
     * Attaches a copy of the file to the test, under the file's own name, when this JUnit can.
     *
     * @param context   the test's context
     * @param file      the file
     * @param mediaType for example {@code text/html; charset=UTF-8}
     * @return whether the file was published
     */
    static boolean publish(ExtensionContext context, Path file, String mediaType) {
        if (PUBLISH_FILE.isEmpty()) {
            return false;
        }
        Method publishFile = PUBLISH_FILE.get();
        try {
            Object type = publishFile.getParameterTypes()[1].getMethod("parse", String.class).invoke(null, mediaType);
            ThrowingConsumer<Path> copy = target -> Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            publishFile.invoke(context, file.getFileName().toString(), type, copy);
            return true;
        } catch (InvocationTargetException e) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: JUnit could not attach " + file + " to "
                    + context.getDisplayName() + ": " + e.getCause() + " (the file is still there)");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: could not attach " + file + " through JUnit's "
                    + "publishFile: " + e + " (the file is still there)");
        }
        return false;
    }
}
