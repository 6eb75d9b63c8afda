package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A third provider ({@code io.github.llmtest.internal.echo}, registered from the test class path only) records and
 * replays through both ways in, {@code Llm} and {@code LlmServer}, with no change to the pipeline: the promise of
 * docs/architecture.md that a new provider is one package and one registration.
 */
class ThirdProviderTest {

    static final List<String> ANSWERS = new CopyOnWriteArrayList<>();
    static final OkHttpClient HTTP = new OkHttpClient();

    @TempDir
    Path fixtures;
    HttpServer echo;
    final AtomicInteger upstreamCalls = new AtomicInteger();

    @LlmTest(model = "echo:parrot")
    static class AsksThroughLlm {
        @Test
        void asks(Llm llm) {
            LlmAnswer answer = llm.ask("Say hello");
            ANSWERS.add(answer.model() + " " + answer.text() + " " + answer.latency().outputTokens().getAsInt());
        }
    }

    @LlmTest
    static class AsksThroughLlmServer {
        @Test
        void posts(LlmServer server) throws IOException {
            Request request = new Request.Builder().url(server.ollamaUrl() + "/echo/answer")
                    .post(RequestBody.create("{\"model\":\"parrot\",\"prompt\":\"Say hi\"}",
                            MediaType.get("application/json"))).build();
            try (Response response = HTTP.newCall(request).execute()) {
                ANSWERS.add(response.code() + " " + response.body().string());
            }
            ANSWERS.add("server saw " + server.calls().size() + " call of " + server.calls().get(0).model());
        }
    }

    @BeforeEach
    void startEchoServer() throws IOException {
        ANSWERS.clear();
        echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/echo/answer", exchange -> {
            upstreamCalls.incrementAndGet();
            JsonNode request = Kit.JSON.readTree(exchange.getRequestBody().readAllBytes());
            byte[] body = ("{\"model\":\"" + request.path("model").asText() + "\",\"text\":\"echo: "
                    + request.path("prompt").asText() + "\",\"tokens\":2}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
    }

    @AfterEach
    void stopEchoServer() {
        echo.stop(0);
    }

    private Map<String, String> config(String mode) {
        return Map.of("llmtest.echo.url", "http://127.0.0.1:" + echo.getAddress().getPort(),
                LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(), LlmTest.MODE_PARAMETER, mode);
    }

    @Test
    void aThirdProviderRecordsAndReplaysThroughLlmAndThroughLlmServer() throws IOException {
        EngineExecutionResults recorded = Kit.run(config("record"), AsksThroughLlm.class, AsksThroughLlmServer.class);

        assertThat(recorded.testEvents().succeeded().count()).as(Kit.failureMessage(recorded)).isEqualTo(2);
        assertThat(upstreamCalls).hasValue(2);
        List<String> live = List.copyOf(ANSWERS);
        assertThat(live).contains("echo:parrot echo: Say hello 2",
                "200 {\"model\":\"parrot\",\"text\":\"echo: Say hi\",\"tokens\":2}",
                "server saw 1 call of echo:parrot");
        assertThat(Files.readString(Kit.fixture(fixtures, AsksThroughLlm.class, "asks")))
                .contains("\"provider\" : \"echo\"");
        assertThat(Files.readString(Kit.fixture(fixtures, AsksThroughLlmServer.class, "posts")))
                .contains("\"provider\" : \"echo\"").contains("\"endpoint\" : \"/echo/answer\"");

        echo.stop(0);
        ANSWERS.clear();
        EngineExecutionResults replayed = Kit.run(config("replay"), AsksThroughLlm.class,
                AsksThroughLlmServer.class);

        assertThat(replayed.testEvents().succeeded().count()).as(Kit.failureMessage(replayed)).isEqualTo(2);
        assertThat(upstreamCalls).as("replay asks no server").hasValue(2);
        assertThat(ANSWERS).containsExactlyInAnyOrderElementsOf(live);
    }

    @Test
    void aMissNamesTheThirdProvidersWayToRecord() {
        EngineExecutionResults missed = Kit.run(config("replay"), AsksThroughLlm.class);

        assertThat(Kit.failureMessage(missed)).contains("No recorded answer for this request in replay mode")
                .contains("model:   echo:parrot").contains("Record it against the echo server (http://127.0.0.1:");
        assertThat(upstreamCalls).hasValue(0);
    }
}
