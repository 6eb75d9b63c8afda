package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.provider.ProviderTypes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One LLM call as the extension publishes it (a JUnit report entry under {@link #KEY}) and the run report reads
 * it: the one place the call's JSON field names are written and read.
 *
 * @param test       the test, {@code com.example.MathTest#fibonacci}
 * @param call       1 for the test's first call
 * @param sample     the {@code @Samples} index, or null
 * @param provider   {@code ollama} or {@code openai}
 * @param model      the model asked, as the test named it ({@code phi4}, {@code openai:gpt-4o})
 * @param mode       {@code live}, {@code record}, {@code replay} or {@code auto}
 * @param replayed   whether the answer came from a fixture
 * @param recordedAt when a replayed answer was recorded, or null
 * @param key        the interaction key
 * @param prompt     the last user message, shortened
 * @param answer     the answer text, shortened
 * @param doneReason why generation stopped, or null
 * @param figures    the timings and token counts
 * @param compared   whether the call was made in a {@code @CompareModels} run
 * @param request    the whole request as recorded (every message, the options), or null
 * @param previous   the answer this call's recording replaced, or null
 * @param thinking   the model's reasoning, shortened, or empty
 * @param toolCalls  the tool calls, {@code [{"id", "name", "arguments"}]}, or null when none
 * @param answeredBy the model the server said answered, when it is another than {@code model} asked for, or null
 * @param cost       what the call cost (for a replayed call, when it was recorded), or null when it had no price
 * @param judge      whether a judge made the call: its cost is the evaluation's, summed apart
 */
public record CallEntry(String test, int call, Integer sample, String provider, String model, String mode,
                        boolean replayed,
                        String recordedAt, String key, String prompt, String answer, String doneReason,
                        Figures figures, boolean compared, JsonNode request, Previous previous, String thinking,
                        JsonNode toolCalls, String answeredBy, Spend cost, boolean judge) {

    /** The report entry key. */
    public static final String KEY = "llmtest.call";
    /** The report entry key of the marker the extension publishes when a test with LLM calls fails. */
    public static final String FAILED_KEY = "llmtest.failed";
    /** The prompt is clipped to this length in the one-line form. */
    static final int LINE_PROMPT = 80;
    /** Entries published but not yet taken by the run report's listener; see {@link #publish}. */
    private static final Handoff<Published> PUBLISHED = new Handoff<>();

    /**
     * A call's line and its entry.
     *
     * @param line  the one-line JSON
     * @param entry the whole entry
     */
    public record Published(String line, CallEntry entry) {
    }

    /**
     * An entry of a call answered by the model it asked for.
     *
     * @param test       the test
     * @param call       the call's index
     * @param sample     the sample or null
     * @param provider   the provider
     * @param model      the model asked
     * @param mode       the mode
     * @param replayed   whether replayed
     * @param recordedAt when recorded, or null
     * @param key        the key
     * @param prompt     the prompt
     * @param answer     the answer
     * @param doneReason the reason or null
     * @param figures    the figures
     * @param compared   whether compared
     * @param request    the request or null
     * @param previous   the previous answer or null
     * @param thinking   the reasoning or empty
     * @param toolCalls  the tool calls or null
     */
    public CallEntry(String test, int call, Integer sample, String provider, String model, String mode,
                     boolean replayed, String recordedAt, String key, String prompt, String answer, String doneReason,
                     Figures figures, boolean compared, JsonNode request, Previous previous, String thinking,
                     JsonNode toolCalls) {
        this(test, call, sample, provider, model, mode, replayed, recordedAt, key, prompt, answer, doneReason,
                figures, compared, request, previous, thinking, toolCalls, null, null, false);
    }

    /**
     * An entry with no cost, made by the test.
     *
     * @param test       the test
     * @param call       the call's index
     * @param sample     the sample or null
     * @param provider   the provider
     * @param model      the model asked
     * @param mode       the mode
     * @param replayed   whether replayed
     * @param recordedAt when recorded, or null
     * @param key        the key
     * @param prompt     the prompt
     * @param answer     the answer
     * @param doneReason the reason or null
     * @param figures    the figures
     * @param compared   whether compared
     * @param request    the request or null
     * @param previous   the previous answer or null
     * @param thinking   the reasoning or empty
     * @param toolCalls  the tool calls or null
     * @param answeredBy the model that answered, or null
     */
    public CallEntry(String test, int call, Integer sample, String provider, String model, String mode,
                     boolean replayed, String recordedAt, String key, String prompt, String answer, String doneReason,
                     Figures figures, boolean compared, JsonNode request, Previous previous, String thinking,
                     JsonNode toolCalls, String answeredBy) {
        this(test, call, sample, provider, model, mode, replayed, recordedAt, key, prompt, answer, doneReason,
                figures, compared, request, previous, thinking, toolCalls, answeredBy, null, false);
    }

    /**
     * What one call cost, in US dollars.
     *
     * @param usd                the whole cost
     * @param reasoningUsd       of it, the reasoning tokens' cost
     * @param cachedPromptTokens the prompt tokens taken from the server's cache
     * @param reasoningTokens    the output tokens that went to reasoning
     * @param pricedAs           the price table's entry that priced it
     */
    public record Spend(double usd, double reasoningUsd, int cachedPromptTokens, int reasoningTokens,
                        String pricedAs) {

        ObjectNode toJson(boolean recorded) {
            return Jsons.object().put("usd", usd).put("reasoning_usd", reasoningUsd)
                    .put("cached_prompt_tokens", cachedPromptTokens).put("reasoning_tokens", reasoningTokens)
                    .put("priced_as", pricedAs).put("recorded", recorded);
        }

        /** Writes what {@link #toJson} holds, field by field, as the next value of {@code out}. */
        void writeJson(boolean recorded, JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeNumberField("usd", usd);
            out.writeNumberField("reasoning_usd", reasoningUsd);
            out.writeNumberField("cached_prompt_tokens", cachedPromptTokens);
            out.writeNumberField("reasoning_tokens", reasoningTokens);
            out.writeStringField("priced_as", pricedAs);
            out.writeBooleanField("recorded", recorded);
            out.writeEndObject();
        }

        static Spend fromJson(JsonNode node) {
            if (node == null || !node.isObject() || !node.path("usd").isNumber()) {
                return null;
            }
            return new Spend(node.path("usd").asDouble(), node.path("reasoning_usd").asDouble(),
                    node.path("cached_prompt_tokens").asInt(), node.path("reasoning_tokens").asInt(),
                    node.path("priced_as").asText(""));
        }
    }

    /**
     * The line published as the call's report entry (and printed on the test's output), with the entry kept for
     * the run report's listener in this JVM: it takes the entry with {@link #taken}, so a call is written as JSON
     * once and never read back. The listener recognises the very string it is handed.
     *
     * @return the line to publish
     */
    public String publish() {
        String line = line();
        return PUBLISHED.keep(line, new Published(line, this));
    }

    /**
     * The entry published with exactly this string, or, for a value published some other way (or already taken),
     * the entry read from it.
     *
     * @param published the report entry's value
     * @return the entry and its line
     * @throws IOException when the value is not a call's JSON
     */
    public static Published taken(String published) throws IOException {
        Published kept = PUBLISHED.take(published);
        if (kept != null) {
            return kept;
        }
        CallEntry read = fromJson(Jsons.read(published));
        return new Published(read.line(), read);
    }

    /**
     * The recorded answer a new recording replaced or filled a gap next to: answer drift.
     *
     * @param answer         the old answer text
     * @param recordedAt     when it was recorded, or null
     * @param origin         {@code recorded} or {@code hand-written}
     * @param requestChanged the request fields that differ from the old recording's; empty for the same request
     */
    public record Previous(String answer, String recordedAt, String origin, List<String> requestChanged) {

        /**
         * Copies the list.
         *
         * @param answer         the old answer
         * @param recordedAt     when, or null
         * @param origin         the origin
         * @param requestChanged the fields that differ
         */
        public Previous {
            requestChanged = List.copyOf(requestChanged);
        }

        ObjectNode toJson() {
            ObjectNode node = Jsons.object().put("answer", answer).put("recorded_at", recordedAt)
                    .put("origin", origin);
            requestChanged.forEach(node.putArray("request_changed")::add);
            return node;
        }

        /** Writes what {@link #toJson} holds, field by field, as the next value of {@code out}. */
        void writeJson(JsonGenerator out) throws IOException {
            out.writeStartObject();
            out.writeStringField("answer", answer);
            out.writeStringField("recorded_at", recordedAt);
            out.writeStringField("origin", origin);
            out.writeArrayFieldStart("request_changed");
            for (String field : requestChanged) {
                out.writeString(field);
            }
            out.writeEndArray();
            out.writeEndObject();
        }

        static Previous fromJson(JsonNode node) {
            if (node == null || !node.isObject()) {
                return null;
            }
            List<String> changed = new ArrayList<>();
            node.path("request_changed").forEach(c -> changed.add(c.asText()));
            return new Previous(node.path("answer").asText(""), Jsons.text(node, "recorded_at"),
                    node.path("origin").asText("recorded"), changed);
        }
    }

    /**
     * The figures of a call, each null when unknown; times in milliseconds.
     *
     * @param totalMs         wall time, model load excluded
     * @param firstTokenMs    time to first token, model load excluded
     * @param loadMs          model load
     * @param promptEvalMs    prompt evaluation
     * @param evalMs          generation
     * @param promptTokens    prompt tokens
     * @param outputTokens    generated tokens
     * @param tokensPerSecond generated tokens per second of generation
     * @param interTokenMs    the mean gap between streamed pieces
     * @param interTokenP95Ms the 95th percentile gap
     * @param interTokenMaxMs the longest gap
     */
    public record Figures(Double totalMs, Double firstTokenMs, Double loadMs, Double promptEvalMs, Double evalMs,
                          Integer promptTokens, Integer outputTokens, Double tokensPerSecond, Double interTokenMs,
                          Double interTokenP95Ms, Double interTokenMaxMs) {

        /** @return the total, 0 when unknown */
        public double total() {
            return totalMs == null ? 0 : totalMs;
        }

        /**
         * @param value a figure or null
         * @return the figure as an optional
         */
        public static OptionalDouble of(Number value) {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.doubleValue());
        }
    }

    /** @return the entry as JSON, the form of the calls in report.json */
    public ObjectNode toJson() {
        return toJson(true);
    }

    /**
     * The call on one line, as published and printed: without the answer, request, reasoning and drift (the run
     * report has them) and with a short prompt.
     *
     * @return the line
     */
    public String line() {
        return Jsons.compact(toJson(false));
    }

    private ObjectNode toJson(boolean whole) {
        ObjectNode node = Jsons.object();
        node.put("test", test);
        node.put("call", call);
        if (sample != null) {
            node.put("sample", sample);
        }
        node.put("provider", provider);
        node.put("model", model);
        if (answeredBy != null) {
            node.put("answered_by", answeredBy);
        }
        node.put("mode", mode);
        node.put("replayed", replayed);
        if (recordedAt != null) {
            node.put("recorded_at", recordedAt);
        }
        node.put("key", key);
        node.put("prompt", whole ? prompt : Texts.clip(prompt, LINE_PROMPT));
        if (whole) {
            node.put("answer", answer);
        }
        if (doneReason != null) {
            node.put("done_reason", doneReason);
        }
        putIfKnown(node, "total_ms", figures.totalMs());
        putIfKnown(node, "first_token_ms", figures.firstTokenMs());
        putIfKnown(node, "load_ms", figures.loadMs());
        putIfKnown(node, "prompt_eval_ms", figures.promptEvalMs());
        putIfKnown(node, "eval_ms", figures.evalMs());
        putIfKnown(node, "prompt_tokens", figures.promptTokens());
        putIfKnown(node, "output_tokens", figures.outputTokens());
        putIfKnown(node, "tokens_per_second", figures.tokensPerSecond());
        putIfKnown(node, "inter_token_ms", figures.interTokenMs());
        putIfKnown(node, "inter_token_p95_ms", figures.interTokenP95Ms());
        putIfKnown(node, "inter_token_max_ms", figures.interTokenMaxMs());
        if (compared) {
            node.put("compared", true);
        }
        if (whole && request != null) {
            node.set("request", request);
        }
        if (whole && previous != null) {
            node.set("previous", previous.toJson());
        }
        if (whole && thinking != null && !thinking.isEmpty()) {
            node.put("thinking", thinking);
        }
        if (toolCalls != null) {
            node.set("tool_calls", toolCalls);
        }
        if (cost != null) {
            node.set("cost", cost.toJson(replayed));
        }
        if (judge) {
            node.put("judge", true);
        }
        return node;
    }

    /**
     * Writes the fields of {@link #toJson()}, in its order and with the same values, straight from this entry's
     * fields into the object {@code out} is in (its start and end are the caller's): report.json's calls are
     * written so, without a tree per call.
     *
     * @param out the generator, inside the call's object
     * @throws IOException when writing fails
     */
    void writeFields(JsonGenerator out) throws IOException {
        out.writeStringField("test", test);
        out.writeNumberField("call", call);
        if (sample != null) {
            out.writeNumberField("sample", sample.intValue());
        }
        out.writeStringField("provider", provider);
        out.writeStringField("model", model);
        if (answeredBy != null) {
            out.writeStringField("answered_by", answeredBy);
        }
        out.writeStringField("mode", mode);
        out.writeBooleanField("replayed", replayed);
        if (recordedAt != null) {
            out.writeStringField("recorded_at", recordedAt);
        }
        out.writeStringField("key", key);
        out.writeStringField("prompt", prompt);
        out.writeStringField("answer", answer);
        if (doneReason != null) {
            out.writeStringField("done_reason", doneReason);
        }
        writeIfKnown(out, "total_ms", figures.totalMs());
        writeIfKnown(out, "first_token_ms", figures.firstTokenMs());
        writeIfKnown(out, "load_ms", figures.loadMs());
        writeIfKnown(out, "prompt_eval_ms", figures.promptEvalMs());
        writeIfKnown(out, "eval_ms", figures.evalMs());
        writeIfKnown(out, "prompt_tokens", figures.promptTokens());
        writeIfKnown(out, "output_tokens", figures.outputTokens());
        writeIfKnown(out, "tokens_per_second", figures.tokensPerSecond());
        writeIfKnown(out, "inter_token_ms", figures.interTokenMs());
        writeIfKnown(out, "inter_token_p95_ms", figures.interTokenP95Ms());
        writeIfKnown(out, "inter_token_max_ms", figures.interTokenMaxMs());
        if (compared) {
            out.writeBooleanField("compared", true);
        }
        if (request != null) {
            out.writeFieldName("request");
            Jsons.writeTree(request, out);
        }
        if (previous != null) {
            out.writeFieldName("previous");
            previous.writeJson(out);
        }
        if (thinking != null && !thinking.isEmpty()) {
            out.writeStringField("thinking", thinking);
        }
        if (toolCalls != null) {
            out.writeFieldName("tool_calls");
            Jsons.writeTree(toolCalls, out);
        }
        if (cost != null) {
            out.writeFieldName("cost");
            cost.writeJson(replayed, out);
        }
        if (judge) {
            out.writeBooleanField("judge", true);
        }
    }

    private static void writeIfKnown(JsonGenerator out, String field, Number value) throws IOException {
        if (value instanceof Integer i) {
            out.writeNumberField(field, i.intValue());
        } else if (value != null) {
            out.writeNumberField(field, value.doubleValue());
        }
    }

    /**
     * Reads an entry written by {@link #toJson()}.
     *
     * @param node the JSON
     * @return the entry
     */
    public static CallEntry fromJson(JsonNode node) {
        Figures figures = new Figures(decimal(node, "total_ms"), decimal(node, "first_token_ms"),
                decimal(node, "load_ms"), decimal(node, "prompt_eval_ms"), decimal(node, "eval_ms"),
                integer(node, "prompt_tokens"), integer(node, "output_tokens"), decimal(node, "tokens_per_second"),
                decimal(node, "inter_token_ms"), decimal(node, "inter_token_p95_ms"),
                decimal(node, "inter_token_max_ms"));
        return new CallEntry(node.path("test").asText(""), node.path("call").asInt(), integer(node, "sample"),
                node.path("provider").asText(ProviderTypes.defaultType().id()), node.path("model").asText(""), node.path("mode").asText(""), node.path("replayed").asBoolean(false),
                Jsons.text(node, "recorded_at"), node.path("key").asText(""), node.path("prompt").asText(""),
                node.path("answer").asText(""), Jsons.text(node, "done_reason"), figures,
                node.path("compared").asBoolean(false), node.get("request"), Previous.fromJson(node.get("previous")),
                node.path("thinking").asText(""), node.get("tool_calls"), Jsons.text(node, "answered_by"),
                Spend.fromJson(node.get("cost")), node.path("judge").asBoolean(false));
    }

    private static void putIfKnown(ObjectNode node, String field, Number value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value != null) {
            node.put(field, value.doubleValue());
        }
    }

    private static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asInt();
    }
}
