package io.github.llmtest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Formats and parses the short durations used in messages and annotations ({@code 250ms}, {@code 2s}, {@code 1.5s}). */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, or an ISO-8601 duration ({@code PT2S}).
     *
     * @throws IllegalArgumentException naming the text when it cannot be read
     */
    static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("pt") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            if (value.endsWith("ms")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(value.substring(0, value.length() - 2).strip()) * 1e6));
            }
            if (value.endsWith("s")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(value.substring(0, value.length() - 1).strip()) * 1e9));
            }
            if (value.endsWith("m")) {
                return Duration.ofNanos(Math.round(Double.parseDouble(value.substring(0, value.length() - 1).strip()) * 60e9));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 500ms, 2s, 1.5s or 2m");
    }
}
