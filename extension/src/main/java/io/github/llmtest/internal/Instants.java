package io.github.llmtest.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 instants as fixtures store them ({@code 2026-11-29T10:00:00.123Z}), read and written without
 * {@link java.time.format.DateTimeFormatter}: its first use costs tens of milliseconds in a cold JVM, and every
 * recording has a time. Other forms (offsets, years past 9999) go through {@link Instant#parse} and
 * {@link Instant#toString}, so the results are always theirs.
 */
public final class Instants {

    private static final int SHORTEST = "2026-11-29T10:00:00Z".length();

    private Instants() {
    }

    /**
     * @param text an ISO-8601 instant
     * @return the instant
     * @throws DateTimeParseException when it is not one
     */
    public static Instant parse(String text) {
        if (!plainUtc(text)) {
            return Instant.parse(text);
        }
        try {
            int nanos = 0;
            int fraction = text.length() - SHORTEST;
            if (fraction > 0) {
                String digits = text.substring(20, text.length() - 1);
                nanos = Integer.parseInt(digits + "000000000".substring(digits.length()));
            }
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10),
                    number(text, 11, 13), number(text, 14, 16), number(text, 17, 19), nanos)
                    .toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return Instant.parse(text); // throws the JDK's own message for an impossible date
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} with an optional fraction of 1 to 9 digits, then {@code Z}. */
    private static boolean plainUtc(String s) {
        int n = s.length();
        if (n < SHORTEST || n == SHORTEST + 1 || n > SHORTEST + 10 || s.charAt(n - 1) != 'Z') {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            char c = s.charAt(i);
            boolean ok = switch (i) {
                case 4, 7 -> c == '-';
                case 10 -> c == 'T';
                case 13, 16 -> c == ':';
                case 19 -> c == '.';
                default -> c >= '0' && c <= '9';
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int to) {
        return Integer.parseInt(s, from, to, 10);
    }

    /**
     * @param instant an instant
     * @return the same text as {@link Instant#toString()}
     */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder out = new StringBuilder(30);
        out.append(t.getYear()).append('-');
        two(out, t.getMonthValue()).append('-');
        two(out, t.getDayOfMonth()).append('T');
        two(out, t.getHour()).append(':');
        two(out, t.getMinute()).append(':');
        two(out, t.getSecond());
        int nanos = instant.getNano();
        if (nanos > 0) {
            // like Instant.toString: milliseconds, microseconds or nanoseconds, whichever is exact
            String digits = String.valueOf(1_000_000_000 + nanos).substring(1);
            int length = nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
            out.append('.').append(digits, 0, length);
        }
        return out.append('Z').toString();
    }

    private static StringBuilder two(StringBuilder out, int value) {
        return out.append(value < 10 ? "0" : "").append(value);
    }
}
