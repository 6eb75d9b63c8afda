package io.github.llmtest;

import io.github.llmtest.internal.server.RecordingServer;
import io.github.llmtest.internal.server.ServerRequests;

import java.util.List;
import java.util.Objects;

/** The {@link LlmServer} handed to a test: the run's one server, seen from the test's session. */
final class DefaultLlmServer implements LlmServer {

    private final TestSession session;
    private final RecordingServer server;
    private final String base;

    /**
     * @param session the session of the test (or class) that took the server
     * @param server  the run's server
     * @param token   the token of that test's own base URL path, by which its calls are attributed
     */
    DefaultLlmServer(TestSession session, RecordingServer server, String token) {
        this.session = session;
        this.server = server;
        this.base = server.ollamaUrl() + "/t/" + token;
    }

    @Override
    public String ollamaUrl() {
        return base;
    }

    @Override
    public String openAiUrl() {
        return base + "/v1";
    }

    @Override
    public String anthropicUrl() {
        return server.anthropicUrl();
    }

    @Override
    public List<LlmAnswer> calls() {
        return session.calls().stream().filter(LlmCall::server).map(LlmCall::answer).toList();
    }

    @Override
    public LlmServer ignoreFields(String... jsonPointers) {
        Objects.requireNonNull(jsonPointers, "jsonPointers");
        for (String pointer : jsonPointers) {
            session.ignore(ServerRequests.checkPointer(pointer));
        }
        return this;
    }

    @Override
    public String toString() {
        return "LlmServer{" + base + ", test=" + session.testId() + "}";
    }
}
