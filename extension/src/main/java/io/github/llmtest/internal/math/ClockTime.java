package io.github.llmtest.internal.math;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time of day written {@code H:MM} or {@code HH:MM} (minutes 00 to 59, hours 0 to 23, or 1 to 12 with am/pm). Two
 * answers that both look like clock times are compared as times, never as ratios: {@code 3:15} is not {@code 6:30}.
 * A colon answer that is not clock-shaped ({@code 3:4}, {@code 2:9}) stays a ratio.
 *
 * @param hour     the hour as written
 * @param minute   the minutes
 * @param meridiem "am", "pm", or null when not written
 */
record ClockTime(int hour, int minute, String meridiem) {

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):([0-5]\\d)\\s*(a\\.?m\\.?|p\\.?m\\.?)?");
    private static final int MAX_LENGTH = 40;

    /** The clock time the answer is, or null. */
    static ClockTime read(String answer) {
        if (answer.length() > MAX_LENGTH || answer.indexOf(':') < 0) {
            return null;
        }
        String plain = answer.replace("\\text", "").replace("\\mathrm", "").replace("\\ ", " ").replace("~", " ")
                .replaceAll("[${}]", "").strip().toLowerCase(Locale.ROOT);
        Matcher m = CLOCK.matcher(plain);
        if (!m.matches()) {
            return null;
        }
        int hour = Integer.parseInt(m.group(1));
        String meridiem = m.group(3) == null ? null : m.group(3).substring(0, 1) + "m";
        if (meridiem == null ? hour > 23 : hour < 1 || hour > 12) {
            return null;
        }
        return new ClockTime(hour, Integer.parseInt(m.group(2)), meridiem);
    }

    /** Whether both name the same time of day; a time without am/pm from 1:00 to 12:59 may be either. */
    boolean sameTimeAs(ClockTime other) {
        for (int a : minutesOfDay()) {
            for (int b : other.minutesOfDay()) {
                if (a == b) {
                    return true;
                }
            }
        }
        return false;
    }

    private int[] minutesOfDay() {
        int base = hour % 12 * 60 + minute;
        if (meridiem != null) {
            return new int[] {meridiem.equals("pm") ? base + 720 : base};
        }
        if (hour == 0 || hour > 12) {
            return new int[] {hour * 60 + minute};
        }
        return new int[] {base, base + 720};
    }

    @Override
    public String toString() {
        return hour + ":" + (minute < 10 ? "0" : "") + minute + (meridiem == null ? "" : " " + meridiem);
    }
}
