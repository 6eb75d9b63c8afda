package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.answer.Answers;
import io.github.llmtest.answer.NumericAnswer;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Answer drift of one call whose new recording replaced an old one (or filled a gap next to it): the old and the
 * new answer, and for each value the assertions extracted from the new answer, the same extraction from the old
 * one, so that a reviewer sees at once whether the answer changed where it matters.
 *
 * @param call    the call
 * @param values  per extraction, the old and the new value
 * @param changed whether any extracted value changed, or the text did when nothing was extracted
 */
record Drift(ReportedCall call, List<Value> values, boolean changed) {

    /** One extracted value, before and after. */
    record Value(String what, String before, String after) {
        boolean changed() {
            return !before.equals(after);
        }
    }

    private static final Map<String, Function<String, Optional<String>>> EXTRACTORS = Map.of(
            "boxed answer", Answers::boxed,
            "boxed number", text -> Answers.boxed(text).flatMap(Answers::numericAnswer).map(NumericAnswer::raw),
            "final answer", Answers::finalAnswer,
            "final number", text -> Answers.finalNumericAnswer(text).map(NumericAnswer::raw),
            "choice", Answers::choice);

    /** @return the drift of a call, or empty when its recording replaced nothing */
    static Optional<Drift> of(ReportedCall call) {
        CallEntry.Previous previous = call.entry.previous();
        if (previous == null) {
            return Optional.empty();
        }
        Map<String, Value> values = new LinkedHashMap<>();
        for (Extraction e : call.extractions()) {
            Function<String, Optional<String>> extractor = EXTRACTORS.get(e.what());
            if (extractor != null) {
                values.putIfAbsent(e.what(), new Value(e.what(), extractor.apply(previous.answer()).orElse("(none)"),
                        e.value()));
            }
        }
        List<Value> list = new ArrayList<>(values.values());
        boolean changed = list.isEmpty() ? !previous.answer().equals(call.entry.answer())
                : list.stream().anyMatch(Value::changed);
        return Optional.of(new Drift(call, list, changed));
    }

    /** "boxed answer 6765 → 6764" or "the answer text changed" or "no change", for one line of a summary. */
    String summary() {
        if (values.isEmpty()) {
            return changed ? "the answer text changed (no value was extracted)" : "same answer text";
        }
        List<String> parts = new ArrayList<>();
        for (Value v : values) {
            parts.add(v.what() + " " + v.before() + (v.changed() ? " → " + v.after() : " (unchanged)"));
        }
        return String.join("; ", parts);
    }

    ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("changed", changed);
        ArrayNode list = node.putArray("values");
        values.forEach(v -> list.addObject().put("what", v.what()).put("before", v.before()).put("after", v.after())
                .put("changed", v.changed()));
        return node;
    }
}
