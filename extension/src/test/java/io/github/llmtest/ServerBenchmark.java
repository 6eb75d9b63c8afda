package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.Jsons;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A LangChain4j call served by {@link LlmServer} from a recording, against the same call served by WireMock from a
 * stub: the same client, prompts and answer; only the server differs. Part of {@link BenchmarkRunner}.
 */
final class ServerBenchmark {

    static final int WARM_UP = 500;
    static final int MEASURED = 2_000;
    static final String ANSWER = "Counting on from 8: 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, "
            + "6765. The 20th value is \\boxed{6765}.";
    static volatile long[] served;
    static volatile long[] stubbed;
    static volatile String wireMockUrl;

    private ServerBenchmark() {
    }

    @LlmTest
    static class Recording {
        @org.junit.jupiter.api.Test
        void asks(LlmServer server) {
            ChatModel replayed = OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").build();
            ChatModel stub = OllamaChatModel.builder().baseUrl(wireMockUrl).modelName("phi4").build();
            long[] ours = new long[MEASURED];
            long[] theirs = new long[MEASURED];
            // alternating, so that both see the same machine at the same moments
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                long a = time(replayed, "question " + i);
                long b = time(stub, "question " + i);
                if (i >= WARM_UP) {
                    ours[i - WARM_UP] = a;
                    theirs[i - WARM_UP] = b;
                }
            }
            served = ours;
            stubbed = theirs;
        }
    }

    static long time(ChatModel model, String prompt) {
        long started = System.nanoTime();
        String reply = model.chat(prompt);
        long took = System.nanoTime() - started;
        if (!reply.equals(ANSWER)) {
            throw new IllegalStateException("unexpected answer: " + reply);
        }
        return took;
    }

    /** Runs both and reports them; {@code verdict} takes whether the target was met and a sentence. */
    static void run(StringBuilder report, BiConsumer<Boolean, String> verdict) throws Exception {
        Path dir = Files.createTempDirectory("llmtest-server-bench");
        String body = record(dir);
        WireMockServer wireMock = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        wireMock.start();
        try {
            wireMock.stubFor(post(urlEqualTo("/api/chat")).willReturn(aResponse()
                    .withHeader("Content-Type", "application/json; charset=utf-8").withBody(body)));
            wireMockUrl = wireMock.baseUrl();
            launch(Map.of(LlmTest.MODE_PARAMETER, "replay", LlmTest.FIXTURES_DIR_PARAMETER, dir.toString(),
                    LlmTest.URL_PARAMETER, "http://127.0.0.1:1", LlmTest.REPORT_DIR_PARAMETER,
                    dir.resolve("report").toString()));
        } finally {
            wireMock.stop();
        }
        double llmtest = median(served);
        double stub = median(stubbed);
        report.append(String.format(Locale.ROOT, "%n## LlmServer against WireMock%n%nA LangChain4j "
                + "`OllamaChatModel.chat` call (a whole JSON answer) served by `LlmServer` in replay mode from a "
                + "fixture file of %,d recordings, against the same call served by WireMock %s from one stub "
                + "matched on its URL only (the cheapest match WireMock has). The two are called in turn, %,d "
                + "times each after %,d warm-up calls; medians:%n%n| server | median per call |%n|---|---:|%n"
                + "| LlmServer (replay) | %.3f ms |%n| WireMock (stub) | %.3f ms |%n", WARM_UP + MEASURED,
                wireMockVersion(), MEASURED, WARM_UP, llmtest, stub));
        verdict.accept(llmtest <= stub, String.format(Locale.ROOT, "a call served by LlmServer costs no more "
                + "than WireMock serving it: %.3f ms against %.3f ms", llmtest, stub));
    }

    /**
     * Records one call through the server to learn the request LangChain4j sends, then writes a fixture file with
     * one recording per prompt of the benchmark.
     *
     * @return the body of a whole Ollama answer, for the WireMock stub
     */
    private static String record(Path dir) throws Exception {
        try (FakeOllama upstream = FakeOllama.start().answerWith(r -> ANSWER)) {
            Map<String, String> config = Map.of(LlmTest.MODE_PARAMETER, "record", LlmTest.FIXTURES_DIR_PARAMETER,
                    dir.toString(), LlmTest.URL_PARAMETER, upstream.url(), LlmTest.REPORT_DIR_PARAMETER,
                    dir.resolve("report").toString());
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(Once.class)).configurationParameters(config).build();
            PrintStream realOut = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                LauncherFactory.create().execute(request);
            } finally {
                System.setOut(realOut);
            }
        }
        Path once = dir.resolve(Once.class.getName()).resolve("asks.json");
        JsonNode template = Jsons.read(java.nio.file.Files.readAllBytes(once)).path("interactions").get(0);
        ObjectNode root = Jsons.object();
        root.put("llmtest_fixture_version", 1);
        ArrayNode list = root.putArray("interactions");
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            ObjectNode copy = template.deepCopy();
            copy.remove("key");
            ((ObjectNode) copy.path("request").path("messages").get(0)).put("content", "question " + i);
            list.add(copy);
        }
        Path file = dir.resolve(Recording.class.getName()).resolve("asks.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Jsons.pretty(root));
        return "{\"model\":\"phi4\",\"created_at\":\"2026-11-29T09:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + Jsons.compact(com.fasterxml.jackson.databind.node.TextNode.valueOf(ANSWER)) + "},\"done\":true,\"done_reason\":\"stop\","
                + "\"total_duration\":4200000000,\"load_duration\":14000000,\"prompt_eval_count\":23,"
                + "\"prompt_eval_duration\":60000000,\"eval_count\":40,\"eval_duration\":1300000000}";
    }

    @LlmTest
    static class Once {
        @org.junit.jupiter.api.Test
        void asks(LlmServer server) {
            OllamaChatModel.builder().baseUrl(server.ollamaUrl()).modelName("phi4").build().chat("question 0");
        }
    }

    private static void launch(Map<String, String> config) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(Recording.class)).configurationParameters(config).build();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        PrintStream realOut = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            LauncherFactory.create().execute(request, summary);
        } finally {
            System.setOut(realOut);
        }
        if (summary.getSummary().getTestsSucceededCount() != 1) {
            throw new IllegalStateException("the LlmServer benchmark failed: " + summary.getSummary().getFailures()
                    .stream().map(f -> String.valueOf(f.getException())).findFirst().orElse("?"));
        }
    }

    private static String wireMockVersion() {
        Package p = WireMockServer.class.getPackage();
        return p.getImplementationVersion() == null ? "3.13" : p.getImplementationVersion();
    }

    private static double median(long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }
}
