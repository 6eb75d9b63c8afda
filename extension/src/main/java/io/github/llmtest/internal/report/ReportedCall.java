package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** One LLM call as the extension published it, plus what assertions extracted from its answer. */
final class ReportedCall {

    /** LaTeX's escape of a character it reserves, such as the {@code \$} of {@code \boxed{\$5}}. */
    private static final java.util.regex.Pattern LATEX_ESCAPE = java.util.regex.Pattern.compile("\\\\([$%&#_])");

    final CallEntry entry;
    private final List<Extraction> extracted = new CopyOnWriteArrayList<>();

    ReportedCall(CallEntry entry) {
        this.entry = entry;
    }

    String test() {
        return entry.test();
    }

    int index() {
        return entry.call();
    }

    String model() {
        return entry.model();
    }

    boolean replayed() {
        return entry.replayed();
    }

    CallEntry.Figures figures() {
        return entry.figures();
    }

    void addExtraction(Extraction extraction) {
        extracted.add(extraction);
    }

    int extractionCount() {
        return extracted.size();
    }

    List<Extraction> extractions() {
        return List.copyOf(extracted);
    }

    /** The answer as one line: its text, or the tool calls when it is only that. */
    String answerLine(int length) {
        String text = io.github.llmtest.internal.Texts.tailLine(entry.answer(), length);
        if (!entry.answer().isBlank() || entry.toolCalls() == null) {
            return text;
        }
        java.util.List<String> calls = new java.util.ArrayList<>();
        entry.toolCalls().forEach(c -> calls.add(c.path("name").asText() + c.path("arguments")));
        return "tool calls: " + String.join(", ", calls);
    }

    /** "#2 · openai:gpt-4o · sample 3": which call, for labels (samples counted from 1). */
    String label() {
        return "#" + index() + " · " + model() + (entry.sample() == null ? "" : " · " + SamplesEntry.label(entry.sample()));
    }

    /** "boxed answer: 6765; final number: $1,638,616" or empty; LaTeX escapes shown as what they stand for. */
    String extracted() {
        Set<String> distinct = new LinkedHashSet<>();
        extracted.forEach(e -> distinct.add(e.what() + ": " + plain(e.value())));
        return String.join("; ", distinct);
    }

    /**
     * A text with LaTeX's escapes of the characters it reserves ({@code \$ \% \& \# \_}) as those characters:
     * {@code \boxed{\$1,638,616.44}} holds {@code \$1,638,616.44}, which a reader knows as {@code $1,638,616.44}.
     * Only what is shown changes; report.json keeps what was extracted.
     */
    static String plain(String text) {
        if (text == null || text.indexOf('\\') < 0) {
            return text;
        }
        return LATEX_ESCAPE.matcher(text).replaceAll("$1");
    }

    String source() {
        return replayed() ? "replayed" + (entry.recordedAt() == null ? "" : " (recorded " + entry.recordedAt() + ")")
                : "live";
    }

    /**
     * Writes {@link #toJson()} as the next value of {@code out}, straight from the fields (no tree per call): how
     * report.json's calls are written.
     */
    void writeJson(com.fasterxml.jackson.core.JsonGenerator out) throws java.io.IOException {
        out.writeStartObject();
        entry.writeFields(out);
        if (!extracted.isEmpty()) {
            out.writeFieldName("extracted");
            io.github.llmtest.internal.Jsons.writeTree(Extraction.toJson(extracted), out);
        }
        java.util.Optional<Drift> drift = Drift.of(this);
        if (drift.isPresent()) {
            out.writeFieldName("drift");
            io.github.llmtest.internal.Jsons.writeTree(drift.get().toJson(), out);
        }
        out.writeEndObject();
    }

    /** The call as report.json holds it: the entry and what was extracted. */
    ObjectNode toJson() {
        ObjectNode node = entry.toJson();
        if (!extracted.isEmpty()) {
            node.set("extracted", Extraction.toJson(extracted));
        }
        Drift.of(this).ifPresent(d -> node.set("drift", d.toJson()));
        return node;
    }
}
