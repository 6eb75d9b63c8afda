package io.github.llmtest;

import io.github.llmtest.internal.server.RecordingServer;
import io.github.llmtest.internal.server.ServerRequests;

import java.util.List;
import java.util.Objects;

/** The {@link LlmServer} handed to a test: the run's one server, seen from the test's call site. */
final class DefaultLlmServer implements LlmServer {

    private final CallSite site;
    private final RecordingServer server;

    DefaultLlmServer(CallSite site, RecordingServer server) {
        this.site = site;
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
    public List<LlmAnswer> calls() {
        return site.calls().stream().filter(LlmCall::server).map(LlmCall::answer).toList();
    }

    @Override
    public LlmServer ignoreFields(String... jsonPointers) {
        Objects.requireNonNull(jsonPointers, "jsonPointers");
        for (String pointer : jsonPointers) {
            site.ignoredFields.add(ServerRequests.checkPointer(pointer));
        }
        return this;
    }

    @Override
    public String toString() {
        return "LlmServer{" + server.ollamaUrl() + ", test=" + site.testId + "}";
    }
}
