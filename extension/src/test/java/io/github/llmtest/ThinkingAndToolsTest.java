package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.fake.Reply;
import io.github.llmtest.internal.ollama.OllamaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reasoning kept apart from the answer, and tool calls asserted and replayed as a loop. */
class ThinkingAndToolsTest {

    static final List<LlmAnswer> ANSWERS = new CopyOnWriteArrayList<>();
    static volatile Action action;

    @TempDir
    Path fixtures;
    FakeOllama ollama;
    FakeOpenAi openai;

    @FunctionalInterface
    interface Action {
        void run(Llm llm);
    }

    @LlmTest
    static class Asks {
        @org.junit.jupiter.api.Test
        void run(Llm llm) {
            action.run(llm);
        }
    }

    @BeforeEach
    void start() {
        ANSWERS.clear();
        ollama = FakeOllama.start().installModel("qwen3:latest", "aaaaaaaaaaaa").installModel("llama3.1:latest",
                "bbbbbbbbbbbb");
        openai = FakeOpenAi.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
        openai.close();
    }

    EngineExecutionResults run(String mode, Action what) {
        action = what;
        Map<String, String> config = Kit.config(ollama.url(), openai.url(), fixtures, mode);
        return Kit.run(config, Asks.class);
    }

    static String chunk(String thinking, String content) {
        return "{\"model\":\"qwen3\",\"created_at\":\"2026-11-29T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + Kit.JSON.valueToTree(content) + (thinking == null ? ""
                : ",\"thinking\":" + Kit.JSON.valueToTree(thinking)) + "},\"done\":false}";
    }

    static String done(String reason, int evalCount) {
        return "{\"model\":\"qwen3\",\"created_at\":\"2026-11-29T10:00:01Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"" + reason + "\",\"eval_count\":" + evalCount
                + ",\"eval_duration\":2000000000}";
    }

    @Test
    void thinkIsSentBesideTheOptionsAndALevelAsOpenAisReasoningEffort() {
        run("live", llm -> {
            ANSWERS.add(llm.withModel("qwen3").withOptions(Options.builder().think(true).build()).ask("hi"));
            ANSWERS.add(llm.withModel("qwen3").withOptions(Options.builder().think("high").build()).ask("hi"));
            ANSWERS.add(llm.withModel("openai:o3").withOptions(Options.builder().think("low").build()).ask("hi"));
        }).testEvents().assertStatistics(s -> s.succeeded(1));

        List<JsonNode> chats = ollama.requests("/api/chat").stream().map(FakeOllama.Recorded::json)
                .filter(j -> j.path("messages").size() > 0).toList();
        assertThat(chats.get(0).path("think").asBoolean()).isTrue();
        assertThat(chats.get(0).path("options").has("think")).isFalse();
        assertThat(chats.get(1).path("think").asText()).isEqualTo("high");
        assertThat(openai.chats().get(0).path("reasoning_effort").asText()).isEqualTo("low");

        EngineExecutionResults noLevel = run("live", llm -> llm.withModel("openai:o3")
                .withOptions(Options.builder().think(true).build()).ask("hi"));
        assertThat(Kit.failureMessage(noLevel)).contains("give a level instead").contains("reasoning_effort");
        assertThatThrownBy(() -> Options.builder().think("max"))
                .hasMessageContaining("A thinking level is low, medium or high");
    }

    @Test
    void reasoningFromThinkingFieldsIsKeptApartCountedAndReplayed() {
        ollama.enqueue(Reply.lines(chunk("Let me add 2584 and 4181", ""), chunk(" to get the answer.", ""),
                chunk(null, "The 20th value is "), chunk(null, "\\boxed{6765}."), done("stop", 9)));

        run("record", llm -> ANSWERS.add(llm.withModel("qwen3").withOptions(Options.builder().think(true).build())
                .ask("Find the 20th value"))).testEvents().assertStatistics(s -> s.succeeded(1));

        LlmAnswer live = ANSWERS.get(0);
        assertThat(live.thinking()).isEqualTo("Let me add 2584 and 4181 to get the answer.");
        assertThat(live.text()).isEqualTo("The 20th value is \\boxed{6765}.");
        assertThat(live).finalNumber().isEqualByComparingTo("6765");
        assertThat(live).thinking().contains("4181");
        assertThat(live.latency().thinkingTokens()).hasValue(2);
        assertThat(live).hasThinkingTokensAtMost(2);
        JsonNode client = Kit.read(Kit.fixture(fixtures, Asks.class, "run")).path("interactions").get(0)
                .path("client");
        assertThat(client.path("thinking_pieces").asInt()).isEqualTo(2);

        ollama.close();
        ANSWERS.clear();
        run("replay", llm -> ANSWERS.add(llm.withModel("qwen3").withOptions(Options.builder().think(true).build())
                .ask("Find the 20th value"))).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS.get(0).thinking()).isEqualTo("Let me add 2584 and 4181 to get the answer.");
        assertThat(ANSWERS.get(0).text()).isEqualTo("The 20th value is \\boxed{6765}.");
    }

    @Test
    void aLeadingThinkBlockIsReasoningAndTheRecordedTimesGiveTheThinkingTime() throws Exception {
        ollama.answerWith(r -> "<think>Maybe 2584? No: 2584 + 4181.</think>\n\nThe 20th value is 6765.");
        run("record", llm -> ANSWERS.add(llm.ask("Find the 20th value"))).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS.get(0).thinking()).isEqualTo("Maybe 2584? No: 2584 + 4181.");
        assertThat(ANSWERS.get(0)).finalNumber().isEqualByComparingTo("6765");
        assertThat(ANSWERS.get(0).latency().thinkingTokens()).isPresent();

        Path file = Kit.fixture(fixtures, Asks.class, "run");
        JsonNode root = Kit.read(file);
        ((com.fasterxml.jackson.databind.node.ObjectNode) root.path("interactions").get(0).path("client"))
                .put("first_token_ms", 300.0).put("first_answer_token_ms", 4300.0);
        Files.writeString(file, Kit.JSON.writeValueAsString(root));
        ANSWERS.clear();
        run("replay", llm -> ANSWERS.add(llm.ask("Find the 20th value"))).testEvents()
                .assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS.get(0).latency().thinkingTime()).contains(Duration.ofSeconds(4));
        assertThat(ANSWERS.get(0).latency().toString()).contains("thinking 4.00 s");
    }

    @Test
    void anUnclosedThinkBlockIsReportedAsSuchNotReadAsTheAnswer() {
        ollama.enqueue(Reply.lines(chunk(null, "<think>Counting: 1, 1, 2, 3, 5, "), chunk(null, "8, 13"),
                done("length", 2)));

        run("live", llm -> ANSWERS.add(llm.ask("Find the 20th value"))).testEvents()
                .assertStatistics(s -> s.succeeded(1));

        LlmAnswer cut = ANSWERS.get(0);
        assertThat(cut.text()).isEmpty();
        assertThat(cut.thinking()).isEqualTo("Counting: 1, 1, 2, 3, 5, 8, 13");
        assertThatThrownBy(() -> assertThat(cut).finalNumber())
                .hasMessageContaining("The answer has no text after its reasoning: generation stopped at the token "
                        + "limit (done_reason \"length\") inside an unclosed <think> block; raise num_predict");
    }

    @Test
    void openAiReasoningContentAndReasoningTokensReachTheAnswer() {
        openai.enqueue(FakeOpenAi.events(FakeOpenAi.chunk("o3", true, "", null).toString(),
                "{\"choices\":[{\"index\":0,\"delta\":{\"reasoning_content\":\"2584 + 4181\"}}]}",
                FakeOpenAi.chunk("o3", false, "It is 6765.", "stop").toString(),
                FakeOpenAi.usage("o3", 20, 150, 120).toString(), "[DONE]"));

        run("live", llm -> ANSWERS.add(llm.withModel("openai:o3").ask("Find the 20th value"))).testEvents()
                .assertStatistics(s -> s.succeeded(1));

        LlmAnswer answer = ANSWERS.get(0);
        assertThat(answer.thinking()).isEqualTo("2584 + 4181");
        assertThat(answer.latency().thinkingTokens()).as("the server's count wins").hasValue(120);
        assertThatThrownBy(() -> assertThat(answer).hasThinkingTokensAtMost(100))
                .hasMessageContaining("Expecting at most 100 thinking tokens, but the model reasoned for 120");
    }

    @Test
    void thinkingOnAModelThatCannotIsANamedErrorWithARemedy() {
        ollama.enqueue(Reply.error(400, "\"phi4\" does not support thinking"));

        EngineExecutionResults results = run("live", llm -> llm.withOptions(Options.builder().think(true).build())
                .ask("hi"));

        assertThat(Kit.failure(results)).isInstanceOf(OllamaException.class)
                .hasMessageContaining("Model 'phi4' does not think").hasMessageContaining("phi4-reasoning");
    }

    static final Tool RATE = Tool.builder("get_rate").description("The exchange rate from US dollars to a currency")
            .requiredParameter("currency", "string", "ISO 4217 code, such as EUR").build();

    static void toolLoop(Llm model, String rate) {
        LlmRequest.Builder turn = LlmRequest.builder().user("How many euros is 100 dollars?").tools(RATE);
        LlmAnswer first = model.chat(turn.build());
        ANSWERS.add(first);
        ToolCall call = first.toolCalls().get(0);
        ANSWERS.add(model.chat(turn.assistant(first).toolResult(call, "{\"rate\": " + rate + "}").build()));
    }

    static String toolCallChunk() {
        return "{\"model\":\"llama3.1\",\"created_at\":\"2026-11-29T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\",\"tool_calls\":[{\"function\":{\"name\":\"get_rate\",\"arguments\":"
                + "{\"currency\":\"EUR\"}}}]},\"done\":false}";
    }

    @Test
    void anOllamaToolLoopIsAssertedRecordedAndReplayedWithEachTurnKeyedOnTheOnesBefore() {
        ollama.enqueue(Reply.lines(toolCallChunk(), done("stop", 12)));
        ollama.enqueue(Reply.answer("100 dollars are 92 euros."));

        run("record", llm -> toolLoop(llm.withModel("llama3.1"), "0.92")).testEvents().assertStatistics(s -> s.succeeded(1));

        LlmAnswer first = ANSWERS.get(0);
        assertThat(first).calledTool("get_rate").calledToolWith("get_rate", "{ \"currency\" : \"EUR\" }");
        assertThat(first).toolCalls().singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("get_rate"));
        assertThat(first.text()).isEmpty();
        assertThat(ANSWERS.get(1)).calledNoTool().text().isEqualTo("100 dollars are 92 euros.");
        List<JsonNode> chats = ollama.requests("/api/chat").stream().map(FakeOllama.Recorded::json)
                .filter(j -> j.path("messages").size() > 0).toList();
        assertThat(chats.get(0).path("tools").get(0).path("function").path("name").asText()).isEqualTo("get_rate");
        assertThat(chats.get(0).path("tools").get(0).path("function").path("parameters").path("required").get(0)
                .asText()).isEqualTo("currency");
        JsonNode second = chats.get(1).path("messages");
        assertThat(second.get(1).path("tool_calls").get(0).path("function").path("arguments").path("currency")
                .asText()).isEqualTo("EUR");
        assertThat(second.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(second.get(2).path("tool_name").asText()).isEqualTo("get_rate");
        assertThat(second.get(2).path("content").asText()).isEqualTo("{\"rate\": 0.92}");

        ollama.close();
        ANSWERS.clear();
        run("replay", llm -> toolLoop(llm.withModel("llama3.1"), "0.92")).testEvents().assertStatistics(s -> s.succeeded(1));
        assertThat(ANSWERS.get(0).toolCalls()).singleElement().satisfies(c -> assertThat(c.arguments().path("currency")
                .asText()).isEqualTo("EUR"));
        assertThat(ANSWERS.get(1).text()).isEqualTo("100 dollars are 92 euros.");

        EngineExecutionResults changed = run("replay", llm -> toolLoop(llm.withModel("llama3.1"), "0.95"));
        assertThat(Kit.failure(changed)).isInstanceOf(FixtureException.class);
        assertThat(Kit.failureMessage(changed)).contains("the closest recording differs in: messages[2].content");
    }

    @Test
    void toolCallAssertionsSayWhatWasCalled() {
        ollama.enqueue(Reply.lines(toolCallChunk(), done("stop", 12)));
        run("live", llm -> ANSWERS.add(llm.withModel("llama3.1").chat(LlmRequest.builder().user("100 USD in EUR?")
                .tools(RATE).build()))).testEvents().assertStatistics(s -> s.succeeded(1));
        LlmAnswer answer = ANSWERS.get(0);

        assertThatThrownBy(() -> assertThat(answer).calledNoTool())
                .hasMessageContaining("Expecting no tool call, but the model called get_rate{\"currency\":\"EUR\"}");
        assertThatThrownBy(() -> assertThat(answer).calledTool("convert"))
                .hasMessageContaining("Expecting the model to call convert, but it called get_rate");
        assertThatThrownBy(() -> assertThat(answer).calledToolWith("get_rate", "{\"currency\": \"GBP\"}"))
                .hasMessageContaining("with arguments JSON-equal to:").hasMessageContaining("{\"currency\":\"EUR\"}");
        assertThatThrownBy(() -> assertThat(answer).finalNumber())
                .hasMessageContaining("The answer is tool calls, not text: [get_rate]");
    }

    @Test
    void openAiToolCallsStreamedInPiecesComeOutTheSameAndTheirResultCarriesTheCallId() {
        String first = "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
                + "\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"get_rate\",\"arguments\":\"\"}}]}}]}";
        String piece1 = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                + "{\"arguments\":\"{\\\"curr\"}}]}}]}";
        String piece2 = "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                + "{\"arguments\":\"ency\\\": \\\"EUR\\\"}\"}}]}}]}";
        String finish = "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}";
        openai.enqueue(FakeOpenAi.events(first, piece1, piece2, finish, "[DONE]"));
        openai.enqueue(FakeOpenAi.answer("100 dollars are 92 euros."));

        EngineExecutionResults results = run("live", llm -> toolLoop(llm.withModel("openai:gpt-4o"), "0.92"));
        assertThat(Kit.failureMessage(results)).isEmpty();

        ToolCall call = ANSWERS.get(0).toolCalls().get(0);
        assertThat(call.id()).isEqualTo("call_abc");
        assertThat(call.arguments().path("currency").asText()).isEqualTo("EUR");
        assertThat(ANSWERS.get(0).doneReason()).contains("tool_calls");
        JsonNode second = openai.chats().get(1).path("messages");
        assertThat(second.get(1).path("content").isNull()).isTrue();
        assertThat(second.get(1).path("tool_calls").get(0).path("function").path("arguments").asText())
                .isEqualTo("{\"currency\":\"EUR\"}");
        assertThat(second.get(2).path("tool_call_id").asText()).isEqualTo("call_abc");
        assertThat(openai.chats().get(0).path("tools").get(0).path("type").asText()).isEqualTo("function");
    }

    @Test
    void toolsOnAModelThatCannotCallThemIsANamedErrorWithARemedy() {
        ollama.enqueue(Reply.error(400, "registry.ollama.ai/library/phi4:latest does not support tools"));

        EngineExecutionResults results = run("live", llm -> llm.chat(LlmRequest.builder().user("100 USD in EUR?")
                .tools(RATE).build()));

        assertThat(Kit.failure(results)).isInstanceOf(OllamaException.class)
                .hasMessageContaining("Model 'phi4' cannot call tools").hasMessageContaining("llama3.1");
    }

    @Test
    void aToolCanBeGivenItsParametersAsSchemaText() {
        Tool same = Tool.of("get_rate", "The exchange rate from US dollars to a currency", "{\"type\":\"object\","
                + "\"properties\":{\"currency\":{\"type\":\"string\",\"description\":\"ISO 4217 code, such as EUR\"}},"
                + "\"required\":[\"currency\"]}");
        assertThat(same).isEqualTo(RATE);
        assertThatThrownBy(() -> Tool.of("x", "y", "[1]")).hasMessageContaining("must be a JSON Schema object");
    }
}
