package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaLanguageModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.ollama.OllamaException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link LlmServer} does for any client: keys, misses, both protocols' shapes, probes, failures. */
class LlmServerTest {

    static final OkHttpClient HTTP = new OkHttpClient();
    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static final List<LlmAnswer> CALLS = new CopyOnWriteArrayList<>();
    static volatile Action action;

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    /** What the application does in the test. */
    @FunctionalInterface
    interface Action {
        void run(LlmServer server) throws Exception;
    }

    @LlmTest
    static class App {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) throws Exception {
            action.run(server);
            CALLS.addAll(server.calls());
        }
    }

    @BeforeEach
    void start() {
        SEEN.clear();
        CALLS.clear();
        ollama = FakeOllama.start();
        openai = FakeOpenAi.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    EngineExecutionResults run(String mode, Action what) {
        return run(mode, Map.of(), what);
    }

    EngineExecutionResults run(String mode, Map<String, String> extra, Action what) {
        action = what;
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        config.putAll(extra);
        return Kit.run(config, App.class);
    }

    /** The run's one test passed; if not, its failure is the message. */
    static void succeeded(EngineExecutionResults results) {
        assertThat(Kit.failureMessage(results)).as("the failure of the run's test").isEmpty();
        results.testEvents().assertStatistics(s -> s.succeeded(1));
    }

    static Response post(String url, String json, String... headers) throws IOException {
        Request.Builder request = new Request.Builder().url(url)
                .post(RequestBody.create(json, MediaType.get("application/json")));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.newCall(request.build()).execute();
    }

    static String body(Response response) {
        try (response) {
            return response.body().string();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String chat(String question, boolean stream) {
        return "{\"model\":\"phi4\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}],"
                + "\"stream\":" + stream + ",\"options\":{\"temperature\":0}}";
    }

    static String openAiChat(String question, boolean stream, boolean usage) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"" + question + "\"}],"
                + "\"stream\":" + stream + (usage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    @Test
    void aReplayMissAnswersTheClientAndFailsTheTestEvenWhenTheApplicationSwallowsTheError() {
        EngineExecutionResults results = run("replay", server -> {
            ChatModel model = OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").build();
            try {
                model.chat("What is 2 + 2?");
            } catch (RuntimeException swallowed) {
                SEEN.add(swallowed.getMessage());
            }
        });

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failure(results)).isInstanceOf(FixtureException.class);
        assertThat(Kit.failureMessage(results)).contains("LlmServer has no recorded answer for this request")
                .contains("request: POST /api/chat, model phi4").contains("prompt:  \"What is 2 + 2?\"")
                .contains("(no recordings)").contains("Record it against a running Ollama with:")
                .contains("mvn test -Dtest='LlmServerTest$App#run' -Dllmtest.mode=record");
        assertThat(SEEN).singleElement().asString().contains("no recorded answer");
        assertThat(ollama.requests()).as("replay never touches the network").isEmpty();
    }

    @Test
    void oneRecordingServesStreamedAndWholeRequestsAndCallsMatchByContentNotOrder() {
        succeeded(run("record", server -> {
            body(post(server.ollamaUrl() + "/api/chat", chat("first", true)));
            body(post(server.ollamaUrl() + "/api/chat", chat("second", false)));
        }));
        ollama.close();
        CALLS.clear();

        succeeded(run("replay", server -> {
            try (Response streamed = post(server.ollamaUrl() + "/api/chat", chat("second", true))) {
                assertThat(streamed.header("Content-Type")).isEqualTo("application/x-ndjson");
                List<String> lines = streamed.body().string().lines().toList();
                assertThat(lines).hasSizeGreaterThan(2);
                JsonNode last = Kit.JSON.readTree(lines.get(lines.size() - 1));
                assertThat(last.path("done").asBoolean()).isTrue();
                assertThat(last.path("eval_count").asInt()).isPositive();
                StringBuilder text = new StringBuilder();
                for (String line : lines) {
                    text.append(Kit.JSON.readTree(line).path("message").path("content").asText());
                }
                SEEN.add(text.toString());
            }
            try (Response whole = post(server.ollamaUrl() + "/api/chat", chat("first", false))) {
                assertThat(whole.header("Content-Type")).startsWith("application/json");
                JsonNode answer = Kit.JSON.readTree(whole.body().string());
                assertThat(answer.path("done").asBoolean()).isTrue();
                SEEN.add(answer.path("message").path("content").asText());
            }
        }));

        assertThat(SEEN).containsExactly("You said: second", "You said: first");
        assertThat(CALLS).extracting(LlmAnswer::prompt).containsExactly("second", "first");
        assertThat(CALLS).allMatch(LlmAnswer::replayed);
    }

    @Test
    void openAiAnswersAreReplayedAsChunksWithTheUsageEventOnlyWhenAskedAndAsAWholeCompletion() {
        // the same request three times: recorded three times, as occurrences 0, 1 and 2
        succeeded(run("record", server -> {
            body(post(server.openAiUrl() + "/chat/completions", openAiChat("hi", true, false)));
            body(post(server.openAiUrl() + "/chat/completions", openAiChat("hi", true, true)));
            body(post(server.openAiUrl() + "/chat/completions", openAiChat("hi", false, false)));
        }));
        JsonNode sentUpstream = openai.chats().get(0);
        assertThat(sentUpstream.path("stream_options").path("include_usage").asBoolean())
                .as("asked upstream for the token counts the recording keeps").isTrue();
        openai.close();

        succeeded(run("replay", server -> {
            for (boolean usage : new boolean[] {true, false}) {
                try (Response response = post(server.openAiUrl() + "/chat/completions", openAiChat("hi", true, usage))) {
                    assertThat(response.header("Content-Type")).startsWith("text/event-stream");
                    List<String> events = response.body().string().lines().filter(l -> l.startsWith("data: "))
                            .map(l -> l.substring(6)).toList();
                    assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
                    JsonNode beforeDone = Kit.JSON.readTree(events.get(events.size() - 2));
                    if (usage) {
                        assertThat(beforeDone.path("choices")).isEmpty();
                        assertThat(beforeDone.path("usage").path("completion_tokens").asInt()).isPositive();
                    } else {
                        assertThat(beforeDone.path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
                    }
                    StringBuilder text = new StringBuilder();
                    for (String event : events.subList(0, events.size() - 1)) {
                        text.append(Kit.JSON.readTree(event).path("choices").path(0).path("delta").path("content")
                                .asText(""));
                    }
                    SEEN.add(text.toString());
                }
            }
            JsonNode whole = Kit.JSON.readTree(body(post(server.openAiUrl() + "/chat/completions",
                    openAiChat("hi", false, false))));
            assertThat(whole.path("object").asText()).isEqualTo("chat.completion");
            assertThat(whole.path("usage").path("total_tokens").asInt()).isPositive();
            SEEN.add(whole.path("choices").get(0).path("message").path("content").asText());
        }));

        assertThat(SEEN).containsOnly("You said: hi").hasSize(3);
    }

    @Test
    void theUpstreamsStreamReachesTheClientWithoutTheUsageEventItDidNotAskFor() {
        succeeded(run("record", server -> {
            String events = body(post(server.openAiUrl() + "/chat/completions", openAiChat("hi", true, false)));
            SEEN.add(events);
        }));

        assertThat(SEEN.get(0)).contains("data: [DONE]").doesNotContain("\"choices\":[]");
        JsonNode recorded = Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions").get(0);
        assertThat(recorded.path("metrics").path("prompt_eval_count").asInt()).isEqualTo(23);
    }

    static String withDate(String date) {
        return "{\"model\":\"phi4\",\"messages\":[{\"role\":\"system\",\"content\":\"Today is " + date + ".\"},"
                + "{\"role\":\"user\",\"content\":\"What day is it?\"}],\"stream\":false}";
    }

    @Test
    void ignoredFieldsLeaveAValueThatChangesFromRunToRunOutOfTheKey() {
        succeeded(run("record", server -> {
            server.ignoreFields("/messages/0/content");
            body(post(server.ollamaUrl() + "/api/chat", withDate("2026-11-29")));
        }));
        JsonNode request = Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions").get(0)
                .path("request");
        assertThat(request.path("messages").get(0).path("content").asText()).isEqualTo("<ignored>");
        ollama.close();

        succeeded(run("replay", server -> {
            server.ignoreFields("/messages/0/content");
            SEEN.add(body(post(server.ollamaUrl() + "/api/chat", withDate("2026-11-30"))));
        }));
        assertThat(SEEN.get(0)).contains("You said: What day is it?");

        EngineExecutionResults notIgnored = run("replay",
                server -> body(post(server.ollamaUrl() + "/api/chat", withDate("2026-11-30"))));
        notIgnored.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failureMessage(notIgnored)).contains("the closest recording differs in: messages[0].content");

        ollama = FakeOllama.start();
        Map<String, String> everyTest = Map.of(LlmTest.SERVER_IGNORE_FIELDS_PARAMETER, "/user, /messages/0/content");
        succeeded(run("record", everyTest, server -> body(post(server.ollamaUrl() + "/api/chat", withDate("2027-01-01")))));
        succeeded(run("replay", everyTest, server -> SEEN.add(body(post(server.ollamaUrl() + "/api/chat",
                withDate("2027-01-02"))))));
        assertThat(SEEN).hasSize(2);
    }

    @Test
    void aFieldToIgnoreMustBeAJsonPointer() {
        EngineExecutionResults results = run("replay", server -> server.ignoreFields("messages/0"));
        assertThat(Kit.failure(results)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'messages/0' is not a JSON pointer");

        EngineExecutionResults configured = run("replay", Map.of(LlmTest.SERVER_IGNORE_FIELDS_PARAMETER, "user"),
                server -> { });
        assertThat(Kit.failureMessage(configured)).contains(LlmTest.SERVER_IGNORE_FIELDS_PARAMETER)
                .contains("'user' is not a JSON pointer");
    }

    static final List<String> URLS = new CopyOnWriteArrayList<>();

    @LlmTest
    static class ReadsTheUrlEarly {
        static String answerInBeforeAll;

        ReadsTheUrlEarly() {
            URLS.add(System.getProperty(LlmServer.OLLAMA_URL_PROPERTY));
        }

        @BeforeAll
        static void warmUp() throws IOException {
            String url = System.getProperty(LlmServer.OLLAMA_URL_PROPERTY);
            answerInBeforeAll = body(post(url + "/api/chat", chat("from @BeforeAll", false)));
        }

        @org.junit.jupiter.api.Test
        void sameServer(LlmServer server) {
            URLS.add(server.ollamaUrl());
            URLS.add(System.getProperty(LlmServer.OPENAI_URL_PROPERTY));
            URLS.add(server.openAiUrl());
            SEEN.add(answerInBeforeAll);
        }
    }

    @Test
    void theUrlsArePublishedAsSystemPropertiesBeforeTheTestInstanceIsCreated() {
        URLS.clear();
        Map<String, String> config = new HashMap<>(Kit.config(ollama.url(), fixtures, "record"));
        succeeded(Kit.run(config, ReadsTheUrlEarly.class));

        assertThat(URLS.get(0)).startsWith("http://127.0.0.1:");
        assertThat(URLS.get(1)).as("the test's own URL on the same server").startsWith(URLS.get(0) + "/t/");
        assertThat(URLS.get(2)).isEqualTo(URLS.get(0) + "/v1");
        assertThat(URLS.get(3)).isEqualTo(URLS.get(1) + "/v1");
        assertThat(SEEN.get(0)).contains("You said: from @BeforeAll");
        assertThat(Kit.fixture(fixtures, ReadsTheUrlEarly.class, "_class")).as("a @BeforeAll call is the class's")
                .exists();
    }

    @Test
    void probesAreAnsweredFromTheRecordingsInReplayAndPassedThroughWhenRecording() {
        succeeded(run("record", server -> {
            body(post(server.ollamaUrl() + "/api/chat", chat("hi", false)));
            body(post(server.openAiUrl() + "/chat/completions", openAiChat("hi", false, false)));
            JsonNode tags = Kit.JSON.readTree(body(HTTP.newCall(new Request.Builder()
                    .url(server.ollamaUrl() + "/api/tags").build()).execute()));
            SEEN.add(tags.path("models").get(0).path("details").path("family").asText());
        }));
        assertThat(SEEN).containsExactly("phi3");
        ollama.close();
        openai.close();

        succeeded(run("replay", server -> {
            String root = server.ollamaUrl();
            assertThat(get(root + "/")).isEqualTo("200 Ollama is running");
            assertThat(get(root + "/api/version")).startsWith("200 {\"version\":\"");
            assertThat(get(root + "/api/tags")).contains("\"name\":\"phi4:latest\"").doesNotContain("gpt-4o");
            assertThat(get(root + "/api/ps")).isEqualTo("200 {\"models\":[]}");
            assertThat(body(post(root + "/api/show", "{\"model\":\"phi4\"}"))).contains("\"capabilities\":[\"completion\"]");
            try (Response missing = post(root + "/api/show", "{\"model\":\"llama3\"}")) {
                assertThat(missing.code()).isEqualTo(404);
                assertThat(missing.body().string()).isEqualTo("{\"error\":\"model 'llama3' not found\"}");
            }
            assertThat(get(server.openAiUrl() + "/models")).contains("\"id\":\"gpt-4o\"").doesNotContain("phi4");
            assertThat(get(server.openAiUrl() + "/models/gpt-4o")).startsWith("200 {\"id\":\"gpt-4o\"");
            assertThat(get(server.openAiUrl() + "/models/o9")).startsWith("404 {\"error\":{\"message\":");
            assertThat(get(root + "/api/nothing")).isEqualTo("404 404 page not found");
        }));
    }

    static String get(String url) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
            return response.code() + " " + response.body().string();
        }
    }

    @Test
    void generateAndEmbeddingsAreRecordedAndReplayedThroughLangChain4j() {
        Action app = server -> {
            String reply = OllamaLanguageModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").build()
                    .generate("Say hi").content();
            Embedding ollamaVector = OllamaEmbeddingModel.builder().baseUrl(server.ollamaUrl())
                    .modelName("nomic-embed-text").build().embed("a sentence").content();
            Embedding openAiVector = OpenAiEmbeddingModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app")
                    .modelName("text-embedding-3-small").build().embed("a sentence").content();
            SEEN.add(reply + " | " + ollamaVector.vectorAsList() + " | " + openAiVector.vectorAsList());
        };
        succeeded(run("record", app));
        ollama.close();
        openai.close();
        CALLS.clear();

        succeeded(run("replay", app));

        assertThat(SEEN).hasSize(2).containsOnly("You said: Say hi | [0.25, -0.5, 0.125] | [0.25, -0.5, 0.125]");
        assertThat(CALLS).as("embeddings are recorded but are not answers").singleElement()
                .satisfies(call -> assertThat(call.text()).isEqualTo("You said: Say hi"));
        JsonNode interactions = Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions");
        assertThat(interactions).extracting(i -> i.path("request").path("endpoint").asText())
                .containsExactly("/api/generate", "/api/embed", "/v1/embeddings");
    }

    @Test
    void anUpstreamErrorWhileRecordingReachesTheClientAndFailsTheTestNamingTheRemedy() {
        EngineExecutionResults results = run("record", server -> {
            try {
                OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("llama9").build().chat("hi");
            } catch (RuntimeException swallowed) {
                SEEN.add(swallowed.getClass().getSimpleName() + ": " + swallowed.getMessage());
            }
        });

        results.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failure(results)).isInstanceOf(OllamaException.class)
                .hasMessageContaining("Model 'llama9' is not available").hasMessageContaining("ollama pull llama9");
        assertThat(SEEN).singleElement().asString().contains("model 'llama9' not found");
        assertThat(Kit.fixture(fixtures, App.class, "run")).doesNotExist();
    }

    @Test
    void aRetryThatSucceedsClearsTheFailureOfTheTryBefore() {
        openai.enqueue(FakeOpenAi.error(503, "The server is overloaded", "server_error", null, null, Map.of()));
        run("record", server -> SEEN.add(OpenAiChatModel.builder().baseUrl(server.openAiUrl()).apiKey("sk-app")
                .modelName("gpt-4o").maxRetries(2).build().chat("hi"))).testEvents()
                .assertStatistics(s -> s.succeeded(1));

        assertThat(openai.chats()).hasSize(2);
        assertThat(SEEN).containsExactly("You said: hi");
        assertThat(Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions")).singleElement()
                .satisfies(i -> assertThat(i.path("request").path("occurrence").asInt()).isZero());
    }

    @Test
    void anUnreachableUpstreamFailsTheTestSayingWhereItLookedOrSkipsItWhenAskedTo() throws Exception {
        ollama.close();
        Action app = server -> {
            try (Response response = post(server.ollamaUrl() + "/api/chat", chat("hi", false))) {
                SEEN.add(response.code() + " " + response.body().string());
            }
        };
        EngineExecutionResults failed = run("record", app);
        failed.testEvents().assertStatistics(s -> s.failed(1));
        assertThat(Kit.failure(failed)).isInstanceOf(OllamaException.class);
        assertThat(Kit.failureMessage(failed)).contains(ollama.url()).contains("ollama serve");
        assertThat(SEEN.get(0)).startsWith("502 {\"error\":").contains(ollama.url());

        EngineExecutionResults skipped = run("record", Map.of(LlmTest.UNAVAILABLE_PARAMETER, "skip"), app);
        assertThat(Kit.failureMessage(skipped)).isEmpty();
        skipped.testEvents().assertStatistics(s -> s.aborted(1));

        EngineExecutionResults auto = run("auto", app);
        assertThat(Kit.failureMessage(auto)).contains("No answer is recorded for this request")
                .contains("so LlmServer passed it on to " + ollama.url());
    }

    @Test
    void aStreamTheUpstreamCutsShortReachesTheClientAsItCameAndIsNeverRecorded() {
        String first = FakeOpenAi.chunk("gpt-4o", true, "", null).toString();
        String partial = FakeOpenAi.chunk("gpt-4o", false, "The 20th value", null).toString();
        Action app = server -> {
            try (Response response = post(server.openAiUrl() + "/chat/completions", openAiChat("hi", true, false))) {
                SEEN.add(response.body().string());
            } catch (IOException cut) {
                SEEN.add("cut: " + cut.getMessage());
            }
        };

        openai.enqueue(FakeOpenAi.events(first, partial));
        EngineExecutionResults ended = run("record", app);
        assertThat(Kit.failureMessage(ended)).contains("could not record it")
                .contains("the stream ended before data: [DONE], after \"The 20th value\"");
        assertThat(SEEN.get(0)).contains("The 20th value").doesNotContain("[DONE]");

        openai.enqueue(FakeOpenAi.eventsThenDrop(first, partial));
        EngineExecutionResults dropped = run("record", app);
        assertThat(Kit.failureMessage(dropped)).contains("broke while reading the answer");
        assertThat(SEEN.get(1)).doesNotContain("[DONE]");
        assertThat(Kit.fixture(fixtures, App.class, "run")).doesNotExist();
    }

    @Test
    void toolCallsAndThinkingRecordedWholeAreReplayedStreamedAndWhole() {
        ollama.enqueue(io.github.llmtest.fake.Reply.status(200, "application/json; charset=utf-8", "{\"model\":"
                + "\"llama3.1\",\"created_at\":\"2026-11-29T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\",\"thinking\":\"The user wants a rate.\",\"tool_calls\":[{\"function\":"
                + "{\"name\":\"get_rate\",\"arguments\":{\"currency\":\"EUR\"}}}]},\"done\":true,"
                + "\"done_reason\":\"stop\",\"eval_count\":12}"));
        String request = "{\"model\":\"llama3.1\",\"messages\":[{\"role\":\"user\",\"content\":\"100 USD in EUR?\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_rate\",\"parameters\":"
                + "{\"type\":\"object\"}}}],\"stream\":%s}";
        succeeded(run("record", server -> body(post(server.ollamaUrl() + "/api/chat", String.format(request,
                "false")))));
        ollama.close();

        succeeded(run("replay", server -> {
            JsonNode whole = Kit.JSON.readTree(body(post(server.ollamaUrl() + "/api/chat",
                    String.format(request, "false"))));
            SEEN.add(whole.path("message").path("tool_calls").toString() + whole.path("message").path("thinking"));
        }));
        succeeded(run("replay", server -> SEEN.add(body(post(server.ollamaUrl() + "/api/chat",
                String.format(request, "true"))))));

        assertThat(SEEN.get(0)).contains("\"name\":\"get_rate\"").contains("\"currency\":\"EUR\"")
                .contains("The user wants a rate.");
        assertThat(SEEN.get(1)).contains("\"tool_calls\":[{\"function\":{\"name\":\"get_rate\"")
                .contains("\"thinking\":\"The user wants a rate.\"").contains("\"done\":true");
        assertThat(CALLS).allSatisfy(call -> io.github.llmtest.assertj.LlmAssertions.assertThat(call).calledToolWith("get_rate", "{\"currency\":\"EUR\"}"));
        assertThat(CALLS).allSatisfy(call -> assertThat(call.thinking()).isEqualTo("The user wants a rate."));
    }

    @Test
    void itCopesWithWhatRealClientsSendOnTheWire() throws Exception {
        succeeded(run("record", server -> {
            String root = server.ollamaUrl();
            // Spring AI: a chunked body in pieces, no Content-Type, Expect: 100-continue, a kept-alive connection
            String raw = RawHttp.exchange(root, chat("chunked", false), true, true);
            SEEN.add(raw);
            // LangChain4j's JDK client asks for h2c on plain HTTP: the answer comes in HTTP/1.1
            java.net.http.HttpResponse<String> upgraded = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_2).build().send(java.net.http.HttpRequest
                            .newBuilder(java.net.URI.create(root + "/api/chat"))
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(chat("upgrade", false))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(upgraded.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_1_1);
            SEEN.add(upgraded.body());
            // gzip both ways
            try (Response zipped = HTTP.newCall(new Request.Builder().url(root + "/api/chat")
                    .header("Accept-Encoding", "gzip").header("Content-Encoding", "gzip")
                    .post(RequestBody.create(gzip(chat("zipped " + "z".repeat(400), false)),
                            MediaType.get("application/json"))).build()).execute()) {
                assertThat(zipped.header("Content-Encoding")).isEqualTo("gzip");
                SEEN.add(new String(new GZIPInputStream(zipped.body().byteStream()).readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        }));

        assertThat(SEEN.get(0)).startsWith("HTTP/1.1 100 Continue").contains("HTTP/1.1 200")
                .contains("You said: chunked").contains("You said: again");
        assertThat(SEEN.get(1)).contains("You said: upgrade");
        assertThat(SEEN.get(2)).contains("You said: zipped zzz");
        assertThat(Kit.read(Kit.fixture(fixtures, App.class, "run")).path("interactions")).hasSize(4);
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void recordingsGoIntoTheFixtureFileOfTheTestAtomicallyAndReadably() throws Exception {
        succeeded(run("record", server -> body(post(server.ollamaUrl() + "/api/chat", chat("hi", false)))));
        Path file = Kit.fixture(fixtures, App.class, "run");
        String text = Files.readString(file);
        assertThat(text).contains("\"llmtest_fixture_version\" : 1").contains("\"origin\" : \"recorded\"")
                .contains("\"test\" : \"io.github.llmtest.LlmServerTest$App#run\"");
        try (var leftovers = Files.list(file.getParent())) {
            assertThat(leftovers).as("no temporary files left").containsExactly(file);
        }
        assertThat(Kit.JSON.readTree(text).path("interactions").get(0).path("request").has("stream")).isFalse();
    }
}
