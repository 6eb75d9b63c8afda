package io.github.llmtest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One answer of the model: its text, where it came from (a live call or a recording) and its {@link Latency}.
 * Check it with {@code io.github.llmtest.assertj.LlmAssertions.assertThat(answer)}.
 */
public final class LlmAnswer {

    private final String text;
    private final String model;
    private final String prompt;
    private final boolean replayed;
    private final Instant recordedAt;
    private final String origin;
    private final Latency latency;
    private final String doneReason;
    private final List<Map.Entry<String, String>> extractions = new CopyOnWriteArrayList<>();

    LlmAnswer(String text, String model, String prompt, boolean replayed, Instant recordedAt, String origin,
              Latency latency, String doneReason) {
        this.text = Objects.requireNonNull(text, "text");
        this.model = Objects.requireNonNull(model, "model");
        this.prompt = prompt;
        this.replayed = replayed;
        this.recordedAt = recordedAt;
        this.origin = origin;
        this.latency = Objects.requireNonNull(latency, "latency");
        this.doneReason = doneReason;
    }

    /** @return the whole answer text */
    public String text() {
        return text;
    }

    /** @return the model that answered, as named in the request */
    public String model() {
        return model;
    }

    /** @return the last user message of the request, for messages and reports */
    public String prompt() {
        return prompt;
    }

    /** @return true if the answer came from a fixture file rather than a live call */
    public boolean replayed() {
        return replayed;
    }

    /** @return when the replayed answer was recorded; empty for live answers */
    public Optional<Instant> recordedAt() {
        return Optional.ofNullable(recordedAt);
    }

    /** @return the latency: measured for live answers, as recorded for replayed ones */
    public Latency latency() {
        return latency;
    }

    /** @return why generation stopped: {@code stop}, or {@code length} when {@code num_predict} cut it short */
    public Optional<String> doneReason() {
        return Optional.ofNullable(doneReason);
    }

    /**
     * Where the answer and its figures come from, in words, for failure messages: "live call to phi4" or
     * "replayed: recorded 2025-01-14T09:20:03Z against phi4 (hand-written)".
     *
     * @return one short phrase
     */
    public String provenance() {
        if (!replayed) {
            return "live call to " + model;
        }
        return "replayed: recorded " + (recordedAt == null ? "at an unknown time" : recordedAt.toString())
                + " against " + model + (Interaction.HAND_WRITTEN.equals(origin) ? " (hand-written fixture)" : "");
    }

    /**
     * Notes what an assertion extracted from this answer, so the run report can show it. Assertions call this;
     * tests rarely need to.
     *
     * @param what  for example {@code boxed answer} or {@code final number}
     * @param value what was extracted, or a note that nothing was
     */
    public void noteExtraction(String what, String value) {
        extractions.add(Map.entry(Objects.requireNonNull(what, "what"), String.valueOf(value)));
    }

    /** @return what assertions extracted from this answer, in order */
    public List<Map.Entry<String, String>> extractions() {
        return List.copyOf(extractions);
    }

    @Override
    public String toString() {
        return "LlmAnswer{" + provenance() + ", " + latency + ", text=" + Texts.tail(text, 120) + "}";
    }
}
