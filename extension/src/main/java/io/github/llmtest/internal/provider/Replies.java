package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What every provider's replayed answers share: a text cut into streamed pieces, and the time it claims. */
public final class Replies {

    private Replies() {
    }

    /**
     * @param text an answer
     * @return the text in pieces of a word or so, each ending after the spaces that follow it
     */
    public static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            pieces.add(text.substring(start, i));
            start = i;
        }
        return pieces;
    }

    /**
     * @param recorded a recording
     * @param request  the request being answered
     * @return the model a replayed answer names: the one the server said answered when recording (the same answer,
     * the same name), else the one the request names
     */
    public static String model(Recording recorded, JsonNode request) {
        return recorded.answeredBy() != null ? recorded.answeredBy() : request.path("model").asText(recorded.model());
    }

    /**
     * @param recorded a recording
     * @return when it was recorded, or now for a recording that does not say
     */
    public static Instant when(Recording recorded) {
        return recorded.recordedAt() != null ? recorded.recordedAt() : Instant.now();
    }

    /**
     * @param recorded a recording
     * @return when it was recorded, or the epoch, as a model's modification time
     */
    public static Instant modified(Recording recorded) {
        return recorded.recordedAt() != null ? recorded.recordedAt() : Instant.EPOCH;
    }

    /**
     * @param text any text
     * @return a JSON error message's view of it: at most 200 characters
     */
    public static String head(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}
