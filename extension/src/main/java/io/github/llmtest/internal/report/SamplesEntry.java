package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of a {@code @Samples} test as the extension publishes it under {@link #KEY} and the report reads it.
 *
 * @param samples       how many samples ran
 * @param passed        how many passed
 * @param rate          the pass rate
 * @param intervalLow   the low end of its 95% Wilson interval
 * @param intervalHigh  the high end
 * @param minPassRate   the rate required
 * @param summary       the verdict in one sentence
 * @param failedSamples the indexes (from 0) of the samples that failed
 */
public record SamplesEntry(int samples, int passed, double rate, double intervalLow, double intervalHigh,
                           double minPassRate, String summary, List<Integer> failedSamples) {

    /** The report entry key. */
    public static final String KEY = "llmtest.samples";

    /**
     * How every message and report names a sample: counted from 1, as {@code @Samples} runs them. Keys, fixtures
     * and the JSON fields {@code sample} and {@code failed_samples} hold the index, counted from 0 (the seed offset).
     *
     * @param index the sample's index, from 0
     * @return {@code sample 1} for index 0
     */
    public static String label(int index) {
        return "sample " + (index + 1);
    }

    /**
     * Copies the list.
     *
     * @param samples       how many
     * @param passed        how many passed
     * @param rate          the rate
     * @param intervalLow   low end
     * @param intervalHigh  high end
     * @param minPassRate   required rate
     * @param summary       the sentence
     * @param failedSamples failed indexes
     */
    public SamplesEntry {
        failedSamples = List.copyOf(failedSamples);
    }

    /** @return the entry as JSON */
    public ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("samples", samples).put("passed", passed).put("rate", rate)
                .put("interval_low", intervalLow).put("interval_high", intervalHigh)
                .put("min_pass_rate", minPassRate).put("summary", summary);
        failedSamples.forEach(node.putArray("failed_samples")::add);
        return node;
    }

    /**
     * @param node JSON written by {@link #toJson()}
     * @return the entry
     */
    public static SamplesEntry fromJson(JsonNode node) {
        List<Integer> failed = new ArrayList<>();
        node.path("failed_samples").forEach(f -> failed.add(f.asInt()));
        return new SamplesEntry(node.path("samples").asInt(), node.path("passed").asInt(),
                node.path("rate").asDouble(), node.path("interval_low").asDouble(),
                node.path("interval_high").asDouble(), node.path("min_pass_rate").asDouble(),
                node.path("summary").asText(""), failed);
    }
}
