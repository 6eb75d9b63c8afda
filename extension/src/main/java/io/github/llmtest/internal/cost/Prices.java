package io.github.llmtest.internal.cost;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.Cost;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A price table: dollars per million tokens per model, matched by the model's exact name as a test writes it
 * ({@code openai:gpt-4o}, {@code phi4}) or by a prefix pattern ({@code openai:gpt-4o*}, the longest matching prefix
 * wins). A model the table does not name costs nothing it could know, so it has no {@link Cost}.
 *
 * <pre>{@code
 * {"taken": "2026-11-30", "source": "https://openai.com/api/pricing",
 *  "models": {"openai:gpt-4o*": {"input": 2.50, "cached_input": 1.25, "output": 10.00},
 *             "openai:o1":      {"input": 15.00, "cached_input": 7.50, "output": 60.00, "reasoning": 60.00}}}
 * }</pre>
 *
 * <p>{@code cached_input} defaults to {@code input}, {@code reasoning} to {@code output}. {@code cache_write_input}
 * prices the prompt tokens a server wrote to its prompt cache (Anthropic's {@code cache_creation_input_tokens},
 * billed above the input price) and defaults to {@code input}; they are part of {@link Cost#inputUsd()}.
 */
public final class Prices {

    /** A table with no price: nothing costs anything. */
    public static final Prices NONE = new Prices("(no price file)", Map.of());

    private static final Set<String> FIELDS = Set.of("input", "cached_input", "cache_write_input", "output",
            "reasoning");
    private static final double MILLION = 1_000_000d;

    /**
     * The dollars per million tokens of one model.
     *
     * @param entry       the table's entry name
     * @param input       per million uncached prompt tokens
     * @param cachedInput per million cached prompt tokens
     * @param output      per million output tokens
     * @param reasoning   per million reasoning tokens
     * @param cacheWrite  per million prompt tokens written to the prompt cache
     */
    record Price(String entry, double input, double cachedInput, double output, double reasoning,
                 double cacheWrite) {
    }

    private final String source;
    private final Map<String, Price> exact;
    private final List<Price> prefixes;

    private Prices(String source, Map<String, Price> entries) {
        this.source = source;
        Map<String, Price> exactNames = new LinkedHashMap<>();
        List<Price> patterns = new ArrayList<>();
        entries.forEach((name, price) -> {
            if (name.endsWith("*")) {
                patterns.add(price);
            } else {
                exactNames.put(name, price);
            }
        });
        patterns.sort(Comparator.comparingInt((Price p) -> p.entry().length()).reversed());
        this.exact = Map.copyOf(exactNames);
        this.prefixes = List.copyOf(patterns);
    }

    /**
     * Reads a price table.
     *
     * @param source where the text came from, for messages (the file's path or class path resource)
     * @param text   the file's text
     * @return the table
     * @throws PriceFileException naming the file and the entry when the text is not a price table
     */
    public static Prices parse(String source, String text) {
        JsonNode root;
        try {
            root = Jsons.read(text);
        } catch (IOException e) {
            throw new PriceFileException(source, null, "it is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("models").isObject()) {
            throw new PriceFileException(source, null,
                    "it needs a \"models\" object: {\"models\": {\"openai:gpt-4o*\": {\"input\": 2.5, ...}}}");
        }
        Map<String, Price> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.get("models").properties()) {
            String name = e.getKey();
            if (name.isBlank() || name.indexOf('*') >= 0 && name.indexOf('*') != name.length() - 1) {
                throw new PriceFileException(source, name,
                        "a model is named exactly or by a prefix ending in one '*' (openai:gpt-4o*)");
            }
            entries.put(name, price(source, name, e.getValue()));
        }
        return new Prices(source, entries);
    }

    private static Price price(String source, String name, JsonNode node) {
        if (!node.isObject()) {
            throw new PriceFileException(source, name, "its prices must be an object, but were " + node);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!FIELDS.contains(field.getKey())) {
                throw new PriceFileException(source, name, "\"" + field.getKey()
                        + "\" is not a price; the prices are input, cached_input, cache_write_input, output and"
                        + " reasoning"
                        + " (dollars per million tokens)");
            }
            if (!field.getValue().isNumber() || field.getValue().asDouble() < 0) {
                throw new PriceFileException(source, name, "\"" + field.getKey()
                        + "\" must be a number of dollars per million tokens, not negative, but was "
                        + field.getValue());
            }
        }
        for (String required : new String[] {"input", "output"}) {
            if (!node.has(required)) {
                throw new PriceFileException(source, name, "it has no \"" + required
                        + "\" price (dollars per million tokens)");
            }
        }
        double input = node.get("input").asDouble();
        double output = node.get("output").asDouble();
        return new Price(name, input, node.has("cached_input") ? node.get("cached_input").asDouble() : input,
                output, node.has("reasoning") ? node.get("reasoning").asDouble() : output,
                node.has("cache_write_input") ? node.get("cache_write_input").asDouble() : input);
    }

    /** @return where the table came from */
    public String source() {
        return source;
    }

    /** @return whether the table prices no model */
    public boolean isEmpty() {
        return exact.isEmpty() && prefixes.isEmpty();
    }

    /**
     * Prices one call. Token counts the server did not report count as zero; a call with neither a prompt nor an
     * output count has no cost.
     *
     * @param model              the model as a test writes it
     * @param promptTokens       prompt tokens (the cached ones included), or null
     * @param cachedPromptTokens cached prompt tokens, or null
     * @param outputTokens       output tokens (the reasoning ones included), or null
     * @param reasoningTokens    reasoning tokens, or null
     * @return the cost, empty when the table has no price for the model or the server reported no tokens
     */
    public Optional<Cost> cost(String model, Long promptTokens, Long cachedPromptTokens, Long outputTokens,
                               Long reasoningTokens) {
        return cost(model, promptTokens, cachedPromptTokens, null, outputTokens, reasoningTokens);
    }

    /**
     * Prices one call whose prompt wrote to the server's prompt cache, those tokens at {@code cache_write_input}.
     *
     * @param model                  the model as a test writes it
     * @param promptTokens           prompt tokens (cache reads and writes included), or null
     * @param cachedPromptTokens     cached prompt tokens (cache reads), or null
     * @param cacheWritePromptTokens prompt tokens written to the cache, or null
     * @param outputTokens           output tokens (the reasoning ones included), or null
     * @param reasoningTokens        reasoning tokens, or null
     * @return the cost, empty when the table has no price for the model or the server reported no tokens
     */
    public Optional<Cost> cost(String model, Long promptTokens, Long cachedPromptTokens, Long cacheWritePromptTokens,
                               Long outputTokens, Long reasoningTokens) {
        Optional<Price> price = find(model);
        if (price.isEmpty() || promptTokens == null && outputTokens == null) {
            return Optional.empty();
        }
        Price p = price.get();
        long prompt = orZero(promptTokens);
        long cached = Math.min(prompt, orZero(cachedPromptTokens));
        long written = Math.min(prompt - cached, orZero(cacheWritePromptTokens));
        long output = orZero(outputTokens);
        long reasoning = Math.min(output, orZero(reasoningTokens));
        return Optional.of(new Cost(p.entry(), clamp(prompt), clamp(cached), clamp(output), clamp(reasoning),
                ((prompt - cached - written) * p.input() + written * p.cacheWrite()) / MILLION,
                cached * p.cachedInput() / MILLION,
                (output - reasoning) * p.output() / MILLION, reasoning * p.reasoning() / MILLION));
    }

    Optional<Price> find(String model) {
        Price named = exact.get(model);
        if (named != null) {
            return Optional.of(named);
        }
        for (Price p : prefixes) {
            if (model.startsWith(p.entry().substring(0, p.entry().length() - 1))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static long orZero(Long value) {
        return value == null || value < 0 ? 0 : value;
    }

    private static int clamp(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
