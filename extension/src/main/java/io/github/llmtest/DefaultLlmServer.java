package io.github.llmtest;

import io.github.llmtest.internal.server.RecordingServer;
import io.github.llmtest.internal.server.ServerRequests;

import java.util.List;
import java.util.Objects;

/** The {@link LlmServer} handed to a test: the run's one server, seen from the test's session. */
final class DefaultLlmServer implements LlmServer {

    private final TestSession session;
    private final RecordingServer server;

    DefaultLlmServer(TestSession session, RecordingServer server) {
        this.session = session;
        this.server = server;
    }

    @Override
    public String ollamaUrl() {
        return server.ollamaUrl();
    }

    @Override
    public String openAiUrl() {
        return server.openAiUrl();
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
        return "LlmServer{" + server.ollamaUrl() + ", test=" + session.testId() + "}";
    }
}
