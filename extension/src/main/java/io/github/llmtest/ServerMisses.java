package io.github.llmtest;

import io.github.llmtest.internal.server.RecordingServer;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.lang.reflect.Method;
import java.net.ConnectException;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Explains a test that asked for {@link LlmServer} and failed without any call reaching it, on a refused connection
 * or an unresolved {@code llmtest.server.*} placeholder: the application's client was configured for another server
 * (for frameworks llmtest cannot read, see {@link FrameworkUrls} for those it can). The test then fails with a
 * message naming the properties to use, the original failure as its cause. Not API.
 */
final class ServerMisses {

    /** The start of the server's properties' names, {@code llmtest.server.}: a placeholder of one not resolved. */
    private static final String PLACEHOLDER = RecordingServer.OLLAMA_URL_PROPERTY.substring(0,
            RecordingServer.OLLAMA_URL_PROPERTY.lastIndexOf('.') + 1);

    private ServerMisses() {
    }

    /** @return the explained failure, or {@code failure} itself when it has nothing to do with the server */
    static Throwable explain(ExtensionContext context, Throwable failure) {
        Optional<Method> method = context.getTestMethod();
        if (method.isEmpty() || Arrays.stream(method.get().getParameterTypes()).noneMatch(t -> t == LlmServer.class)
                || failure instanceof AssertionFailedError) {
            return failure;
        }
        Optional<TestSession> session = LlmExtension.existingSession(context);
        if (session.isPresent() && !session.get().calls().isEmpty()) {
            return failure;
        }
        Optional<String> elsewhere = elsewhere(failure);
        if (elsewhere.isEmpty()) {
            return failure;
        }
        String url = System.getProperty(RecordingServer.OLLAMA_URL_PROPERTY, "(not running)");
        return new AssertionFailedError("llmtest: the test asked for LlmServer (" + url + ") but no LLM call reached "
                + "it, and it failed on " + elsewhere.get() + ". If that was the application's model client, it is "
                + "configured for another server: give its base URL the system property "
                + RecordingServer.OLLAMA_URL_PROPERTY + " (Ollama clients, and Spring AI's OpenAI client) or "
                + RecordingServer.OPENAI_URL_PROPERTY + " (OpenAI clients that take the /v1 URL), such as "
                + "spring.ai.ollama.base-url=${" + RecordingServer.OLLAMA_URL_PROPERTY + "}, or server.ollamaUrl().",
                failure);
    }

    private static Optional<String> elsewhere(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains(PLACEHOLDER)) {
                return Optional.of("a setting that could not be resolved (" + message + ")");
            }
            if (t instanceof ConnectException) {
                return Optional.of("a refused connection (" + message + ")");
            }
        }
        return Optional.empty();
    }
}
