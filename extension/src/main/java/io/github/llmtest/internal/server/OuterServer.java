package io.github.llmtest.internal.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;

/**
 * The server of another copy of llmtest in this JVM, in a class loader above this one's. Quarkus loads a test's
 * dependencies, llmtest among them, in a class loader of its own, while JUnit's listeners, which start the server
 * when the test plan starts, use the application class loader: two copies of every llmtest class, each with its own
 * static state. The copy that runs the server (the outer one, whose URL the application was configured with) hands
 * each call to the inner copy's handler while none of its own tests runs, so that the call reaches the tests and
 * fixtures of the copy that runs them. The two copies share JDK types only ({@link HttpServer}, {@link HttpHandler}),
 * reached by reflection on the outer copy's {@link RecordingServer#adopt}. Not API.
 */
final class OuterServer {

    private OuterServer() {
    }

    /**
     * Routes the outer copy's server to {@code handler}, if there is an outer copy whose server runs.
     *
     * @param handler this copy's handler of the server's calls
     * @return the outer copy's server, or empty when this copy is the outermost one or no outer server runs
     */
    static Optional<HttpServer> join(HttpHandler handler) {
        ClassLoader own = RecordingServer.class.getClassLoader();
        // the usual case, costless: this copy is the application class loader's, or no other copy started a server
        if (own == null || own == ClassLoader.getSystemClassLoader()
                || System.getProperty(RecordingServer.OLLAMA_URL_PROPERTY) == null) {
            return Optional.empty();
        }
        Class<?> outer = outerCopy(own.getParent());
        if (outer == null) {
            outer = outerCopy(ClassLoader.getSystemClassLoader());
        }
        if (outer == null || outer == RecordingServer.class) {
            return Optional.empty();
        }
        try {
            Object server = outer.getMethod("adopt", HttpHandler.class).invoke(null, handler);
            return server instanceof HttpServer http ? Optional.of(http) : Optional.empty();
        } catch (InvocationTargetException e) {
            return Optional.empty();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Class<?> outerCopy(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(RecordingServer.class.getName(), false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
