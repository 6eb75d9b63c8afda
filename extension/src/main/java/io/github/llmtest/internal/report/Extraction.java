package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;

/**
 * What an assertion extracted from the answer of one call; a test's extractions are published together under
 * {@link #KEY} once it has run.
 *
 * @param call  the call's index in its test
 * @param what  for example {@code boxed answer}
 * @param value what was extracted, or {@code (none)}
 */
public record Extraction(int call, String what, String value) {

    /** The report entry key. */
    public static final String KEY = "llmtest.extractions";

    /**
     * @param extractions the extractions of one test
     * @return them as a JSON array
     */
    public static ArrayNode toJson(List<Extraction> extractions) {
        ArrayNode all = Jsons.array();
        extractions.forEach(e -> all.addObject().put("call", e.call()).put("what", e.what()).put("value", e.value()));
        return all;
    }

    /**
     * @param array JSON written by {@link #toJson(List)}
     * @return the extractions
     */
    public static List<Extraction> fromJson(JsonNode array) {
        List<Extraction> out = new ArrayList<>();
        array.forEach(e -> out.add(new Extraction(e.path("call").asInt(), e.path("what").asText(""),
                e.path("value").asText(""))));
        return out;
    }
}
