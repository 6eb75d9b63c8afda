package io.github.llmtest;

import io.github.llmtest.fake.ClosingServer;
import io.github.llmtest.fake.FakeOpenAi;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.LlmServerTest.body;
import static io.github.llmtest.LlmServerTest.openAiChat;
import static io.github.llmtest.LlmServerTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LlmServer}'s upstream as real servers behave: one that closes the connection after each streamed answer
 * (llama.cpp's server), one that redirects to another host.
 */
class LlmServerUpstreamTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile LlmServerTest.Action action;

    static final String EVENTS = "data: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":"
            + "\"assistant\",\"content\":null}}]}\n\ndata: {\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"Hello\"},\"finish_reason\":\"stop\"}]}\n\ndata: {\"model\":\"gpt-4o\",\"choices\":[],"
            + "\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":2,\"total_tokens\":22}}\n\ndata: [DONE]\n\n";

    @TempDir
    Path fixtures;

    @LlmTest
    static class App {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) throws Exception {
            action.run(server);
        }
    }

    EngineExecutionResults run(String openAiUrl, LlmServerTest.Action what) {
        SEEN.clear();
        action = what;
        Map<String, String> config = Kit.config("http://127.0.0.1:9", openAiUrl, fixtures, "record");
        return Kit.run(config, App.class);
    }

    @Test
    void theSecondCallToAServerThatClosesAfterEachStreamedAnswerIsRecordedToo() {
        try (ClosingServer upstream = ClosingServer.start(n -> ClosingServer.Reply.chunked("text/event-stream",
                EVENTS))) {
            EngineExecutionResults results = run(upstream.url() + "/v1", server -> {
                for (String question : new String[] {"first", "second"}) {
                    try (Response response = post(server.openAiUrl() + "/chat/completions",
                            openAiChat(question, true, true))) {
                        SEEN.add(response.code() + " " + response.body().string().contains("data: [DONE]"));
                    }
                }
            });

            assertThat(Kit.failureMessage(results)).isEmpty();
            assertThat(SEEN).containsExactly("200 true", "200 true");
            assertThat(upstream.requestCount()).isEqualTo(2);
            assertThat(Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions")).hasSize(2);
        }
    }

    @Test
    void anApplicationsApiKeyIsNotForwardedToTheHostARedirectNames() {
        try (FakeOpenAi first = FakeOpenAi.start(); FakeOpenAi elsewhere = FakeOpenAi.start()) {
            first.enqueue((exchange, request) -> {
                exchange.getResponseHeaders().set("Location", elsewhere.url() + "/chat/completions");
                exchange.sendResponseHeaders(307, -1);
            });
            EngineExecutionResults results = run(first.url(), server -> SEEN.add(body(post(server.openAiUrl()
                    + "/chat/completions", openAiChat("hi", false, false), "api-key", "app-secret-4411"))));

            assertThat(elsewhere.requests()).as("the other host got nothing").isEmpty();
            assertThat(SEEN).singleElement().asString().contains("another host or port")
                    .doesNotContain("app-secret-4411");
            results.testEvents().assertStatistics(s -> s.failed(1));
            assertThat(Kit.failureMessage(results)).contains(first.url().replace("/v1", ""))
                    .contains(elsewhere.url().replace("/v1", ""));
        }
    }
}
