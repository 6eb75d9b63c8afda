package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;

/**
 * How a test's calls did against its {@code @LatencyBudget}, as the extension publishes it under {@link #KEY} and
 * the report reads it.
 *
 * @param percentile the percentile judged (100: every call)
 * @param calls      how many calls were judged
 * @param met        how many met every target
 * @param minGoodput the share required to meet every target, 0 when none
 * @param passed     whether the budget held
 * @param figures    each target and the observed value at the percentile
 */
public record BudgetEntry(double percentile, int calls, int met, double minGoodput, boolean passed,
                          List<Figure> figures) {

    /** The report entry key. */
    public static final String KEY = "llmtest.budget";

    /**
     * One target.
     *
     * @param name     {@code total}, {@code first_token}, {@code inter_token} or {@code tokens_per_second}
     * @param target   the target, in milliseconds or tokens per second
     * @param observed the value at the percentile over the calls that have the figure, or null when none has it
     * @param missing  how many calls have no such figure
     * @param passed   whether the percentile met the target and no call lacked the figure
     */
    public record Figure(String name, double target, Double observed, int missing, boolean passed) {
    }

    /**
     * Copies the list.
     *
     * @param percentile the percentile
     * @param calls      calls judged
     * @param met        calls that met every target
     * @param minGoodput required share
     * @param passed     whether it held
     * @param figures    the targets
     */
    public BudgetEntry {
        figures = List.copyOf(figures);
    }

    /** @return the share of calls that met every target */
    public double goodput() {
        return calls == 0 ? 0 : (double) met / calls;
    }

    /** @return the entry as JSON */
    public ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("percentile", percentile).put("calls", calls).put("met", met)
                .put("goodput", goodput()).put("min_goodput", minGoodput).put("passed", passed);
        var list = node.putArray("figures");
        for (Figure f : figures) {
            ObjectNode figure = list.addObject();
            figure.put("name", f.name()).put("target", f.target());
            if (f.observed() == null) {
                figure.putNull("observed");
            } else {
                figure.put("observed", f.observed());
            }
            figure.put("missing", f.missing()).put("passed", f.passed());
        }
        return node;
    }

    /**
     * @param node JSON written by {@link #toJson()}
     * @return the entry
     */
    public static BudgetEntry fromJson(JsonNode node) {
        List<Figure> figures = new ArrayList<>();
        for (JsonNode f : node.path("figures")) {
            figures.add(new Figure(f.path("name").asText(), f.path("target").asDouble(),
                    f.path("observed").isNumber() ? f.path("observed").asDouble() : null, f.path("missing").asInt(),
                    f.path("passed").asBoolean()));
        }
        return new BudgetEntry(node.path("percentile").asDouble(100), node.path("calls").asInt(),
                node.path("met").asInt(), node.path("min_goodput").asDouble(), node.path("passed").asBoolean(),
                figures);
    }
}
