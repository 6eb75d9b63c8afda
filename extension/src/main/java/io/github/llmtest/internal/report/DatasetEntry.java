package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict of one {@code @LlmDataset} case as the extension publishes it under {@link #KEY} on the case's test,
 * with the gate of its dataset and model, and as the report reads it.
 *
 * @param dataset   the dataset as the annotation names it
 * @param test      the test method, as {@code com.example.FooTest#solves}
 * @param model     the model the case ran on
 * @param caseId    the case's id
 * @param tags      the case's tags
 * @param outcome   {@value #PASSED}, {@value #TOLERATED}, {@value #FAILED}, {@value #ERROR} or {@value #ABORTED}
 * @param message   the first line of the case's own failure, or null
 * @param question  the case's question (its {@code question} field, or the last user message), or null
 * @param expected  the case's other fields (the expected answer and the like)
 * @param extracted what assertions extracted from the case's answers, as {@code final number: 42}
 * @param gate      the gate of the dataset on this model
 */
public record DatasetEntry(String dataset, String test, String model, String caseId, List<String> tags,
                           String outcome, String message, String question, ObjectNode expected,
                           List<String> extracted, Gate gate) {

    /** Entries published but not yet taken by the run report's listener; see {@link #publish}. */
    private static final Handoff<DatasetEntry> PUBLISHED = new Handoff<>();

    /** The report entry key. */
    public static final String KEY = "llmtest.dataset";
    /** The case passed. */
    public static final String PASSED = "passed";
    /** The case's assertions failed and the gate held. */
    public static final String TOLERATED = "tolerated";
    /** The case's assertions failed and the gate did not hold. */
    public static final String FAILED = "failed";
    /** The case threw something other than an assertion's failure. */
    public static final String ERROR = "error";
    /** The case was aborted (an assumption, an unavailable model with {@code llmtest.unavailable=skip}). */
    public static final String ABORTED = "aborted";

    /**
     * Copies the lists.
     *
     * @param dataset   the dataset
     * @param test      the test method
     * @param model     the model
     * @param caseId    the id
     * @param tags      the tags
     * @param outcome   the outcome
     * @param message   the failure's first line or null
     * @param question  the question or null
     * @param expected  the other fields
     * @param extracted what was extracted
     * @param gate      the gate
     */
    public DatasetEntry {
        tags = List.copyOf(tags);
        extracted = List.copyOf(extracted);
    }

    /**
     * Accuracy over some cases and whether it meets its minimum.
     *
     * @param label  {@code all} or a tag
     * @param passed cases that passed
     * @param total  cases judged (passed, failed and errors; aborted cases are left out)
     * @param low    the low end of the 95% Wilson interval of the accuracy
     * @param high   the high end
     * @param min    the accuracy required
     * @param held   whether it is met
     */
    public record Accuracy(String label, int passed, int total, double low, double high, double min, boolean held) {

        /** @return passed over total, 1 when nothing was judged */
        public double rate() {
            return total == 0 ? 1 : passed / (double) total;
        }

        ObjectNode toJson() {
            return Jsons.object().put("label", label).put("passed", passed).put("total", total).put("rate", rate())
                    .put("interval_low", low).put("interval_high", high).put("min", min).put("held", held);
        }

        static Accuracy fromJson(JsonNode node) {
            return new Accuracy(node.path("label").asText(), node.path("passed").asInt(), node.path("total").asInt(),
                    node.path("interval_low").asDouble(), node.path("interval_high").asDouble(),
                    node.path("min").asDouble(), node.path("held").asBoolean());
        }
    }

    /**
     * The gate of a dataset on one model.
     *
     * @param held    whether it holds: overall and every tag
     * @param verdict the verdict in words, as the failing cases' messages give it
     * @param overall the accuracy over every case
     * @param perTag  the accuracy per tag, in the order tags first appear
     */
    public record Gate(boolean held, String verdict, Accuracy overall, List<Accuracy> perTag) {

        /**
         * Copies the list.
         *
         * @param held    holds
         * @param verdict words
         * @param overall every case
         * @param perTag  per tag
         */
        public Gate {
            perTag = List.copyOf(perTag);
        }

        ObjectNode toJson() {
            ObjectNode node = Jsons.object().put("held", held).put("verdict", verdict);
            node.set("overall", overall.toJson());
            perTag.forEach(a -> node.withArray("per_tag").add(a.toJson()));
            return node;
        }

        static Gate fromJson(JsonNode node) {
            List<Accuracy> tags = new ArrayList<>();
            node.path("per_tag").forEach(t -> tags.add(Accuracy.fromJson(t)));
            return new Gate(node.path("held").asBoolean(), node.path("verdict").asText(""),
                    Accuracy.fromJson(node.path("overall")), tags);
        }
    }

    /** @return whether the case did not pass (failed, tolerated or an error) */
    public boolean failing() {
        return TOLERATED.equals(outcome) || FAILED.equals(outcome) || ERROR.equals(outcome);
    }

    /**
     * The JSON published as the case's report entry, with the entry kept for the run report's listener in this JVM,
     * which takes it with {@link #taken} instead of reading the JSON back.
     *
     * @return the JSON to publish
     */
    public String publish() {
        return PUBLISHED.keep(Jsons.compact(toJson()), this);
    }

    /**
     * @param published a case's report entry value
     * @return the entry published as this value, or the entry read from it when it was published some other way
     * @throws JsonProcessingException when the value is not a case's JSON
     */
    public static DatasetEntry taken(String published) throws JsonProcessingException {
        DatasetEntry kept = PUBLISHED.take(published);
        return kept != null ? kept : fromJson(Jsons.read(published));
    }

    /** @return the entry as JSON */
    public ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("dataset", dataset).put("test", test).put("model", model)
                .put("case", caseId);
        tags.forEach(node.putArray("tags")::add);
        node.put("outcome", outcome).put("message", message).put("question", question);
        node.set("expected", expected);
        extracted.forEach(node.putArray("extracted")::add);
        node.set("gate", gate.toJson());
        return node;
    }

    /**
     * @param node JSON written by {@link #toJson()}
     * @return the entry
     */
    public static DatasetEntry fromJson(JsonNode node) {
        List<String> tags = new ArrayList<>();
        node.path("tags").forEach(t -> tags.add(t.asText()));
        List<String> extracted = new ArrayList<>();
        node.path("extracted").forEach(e -> extracted.add(e.asText()));
        return new DatasetEntry(node.path("dataset").asText(), node.path("test").asText(),
                node.path("model").asText(), node.path("case").asText(), tags, node.path("outcome").asText(),
                Jsons.text(node, "message"), Jsons.text(node, "question"),
                node.path("expected").isObject() ? (ObjectNode) node.get("expected") : Jsons.object(), extracted,
                Gate.fromJson(node.path("gate")));
    }
}
