package io.github.llmtest.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * The one way llmtest writes and reads durations: {@code 250 ms} below a second, {@code 1.23 s} above, in
 * messages, logs and reports alike; annotations and configuration take {@code 500ms}, {@code 2s}, {@code 1.5s},
 * {@code 2m} or ISO-8601.
 */
public final class Durations {

    private Durations() {
    }

    /**
     * @param d a duration
     * @return {@code 250 ms} or {@code 1.23 s}
     */
    public static String format(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    /**
     * @param millis a time in milliseconds, possibly fractional
     * @return the same as {@link #format(Duration)}
     */
    public static String formatMillis(double millis) {
        return format(ofMillis(millis));
    }

    /**
     * @param millis a time in milliseconds, possibly fractional
     * @return the duration, to the nanosecond
     */
    public static Duration ofMillis(double millis) {
        return Duration.ofNanos(Math.round(millis * 1e6));
    }

    /**
     * @param d a duration
     * @return milliseconds rounded to two decimals, as the report and fixtures store them
     */
    public static double millis(Duration d) {
        return Math.round(d.toNanos() / 1e4) / 100.0;
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m}, or an ISO-8601 duration ({@code PT2S}).
     *
     * @param text the text
     * @return the duration
     * @throws IllegalArgumentException naming the text when it cannot be read
     */
    public static Duration parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            String[][] units = {{"ms", "1e6"}, {"s", "1e9"}, {"m", "60e9"}};
            for (String[] unit : units) {
                if (value.endsWith(unit[0])) {
                    double amount = Double.parseDouble(value.substring(0, value.length() - unit[0].length()).strip());
                    double nanos = amount * Double.parseDouble(unit[1]);
                    if (Double.isFinite(nanos) && Math.abs(nanos) < Long.MAX_VALUE) {
                        return Duration.ofNanos(Math.round(nanos));
                    }
                    break;
                }
            }
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration: write it like 500ms, 2s, 1.5s or 2m");
    }
}
