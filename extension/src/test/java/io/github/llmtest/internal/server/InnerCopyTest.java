package io.github.llmtest.internal.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second copy of llmtest's classes in a class loader of its own, below this one's, as Quarkus loads a test's
 * dependencies: it starts no server of its own, and the calls to the running server reach its tests while none of
 * this copy's runs.
 */
class InnerCopyTest {

    /** Loads llmtest's own classes itself, everything else from its parent: a second copy, as Quarkus makes. */
    static final class ChildFirst extends URLClassLoader {
        ChildFirst(URL... classes) {
            super(classes, ClassLoader.getSystemClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith("io.github.llmtest.")) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    private static String chat(RecordingServer server) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(HttpRequest.newBuilder(URI.create(server.ollamaUrl() + "/api/chat"))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"model\":\"phi4\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Supplier<Object> failing(String message) {
        return () -> {
            throw new IllegalStateException(message);
        };
    }

    @Test
    void anInnerCopyJoinsTheRunningServerAndItsTestsGetTheCallsWhileNoneOfTheOuterCopysRuns() throws Exception {
        RecordingServer outer = RecordingServer.shared();
        // the main classes and the tests' (a provider registered from the test class path is loaded by the copy too)
        URL classes = RecordingServer.class.getProtectionDomain().getCodeSource().getLocation();
        URL testClasses = InnerCopyTest.class.getProtectionDomain().getCodeSource().getLocation();
        Object innerScopes = null;
        try (ChildFirst loader = new ChildFirst(classes, testClasses)) {
            Class<?> inner = loader.loadClass(RecordingServer.class.getName());
            assertThat(inner).isNotSameAs(RecordingServer.class);

            Object server = inner.getMethod("shared").invoke(null);
            assertThat(inner.getMethod("port").invoke(server)).as("no second server").isEqualTo(outer.port());
            assertThat(inner.getMethod("ollamaUrl").invoke(server)).isEqualTo(outer.ollamaUrl());

            innerScopes = inner.getMethod("scopes").invoke(null);
            // a test of the inner copy runs; its session cannot be created, which its answer tells
            innerScopes.getClass().getMethod("enter", String.class, List.class, String.class, Supplier.class)
                    .invoke(innerScopes, "[inner]", List.of(), "Inner#test", failing("the inner copy's test"));
            assertThat(chat(outer)).contains("the inner copy's test");

            RecordingServer.scopes().enter("[outer]", List.of(), "Outer#test", () -> {
                throw new IllegalStateException("the outer copy's test");
            });
            assertThat(chat(outer)).as("a test of the outer copy that runs comes first")
                    .contains("the outer copy's test");
        } finally {
            RecordingServer.scopes().leave("[outer]");
            if (innerScopes != null) {
                innerScopes.getClass().getMethod("leave", String.class).invoke(innerScopes, "[inner]");
            }
            RecordingServer.adopt(null);
        }
    }
}
