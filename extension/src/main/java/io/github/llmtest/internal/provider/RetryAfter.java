package io.github.llmtest.internal.provider;

import okhttp3.Response;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How long a server asks a client to wait before trying again: {@code retry-after-ms} (milliseconds, OpenAI's),
 * else {@code retry-after} (seconds, or an HTTP date), never more than {@link AdaptiveLimit#MAX_WAIT}: a server that
 * asks for an hour gets its call tried again after a minute, and fails then if it still refuses.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /**
     * Whether a hosted API's response may be tried again, before any reason of the provider's own not to: a timeout
     * (408), a conflict (409), a rate limit (429) or a server error (5xx), unless the server says
     * {@code x-should-retry: false}; anything else only when it says {@code x-should-retry: true}; and never once
     * {@code retries} are used.
     *
     * @param response the response
     * @param attempt  the tries made so far, counted from 0
     * @param retries  how many tries after the first are allowed
     * @return whether to try again
     */
    public static boolean mayRetry(Response response, int attempt, int retries) {
        int code = response.code();
        boolean retryable = code == 408 || code == 409 || code == 429 || code >= 500;
        String shouldRetry = response.header("x-should-retry");
        return !"false".equals(shouldRetry) && attempt < retries && (retryable || "true".equals(shouldRetry));
    }

    /**
     * @param response a response, usually a 429 or 503
     * @return the wait it asks for, capped at {@link AdaptiveLimit#MAX_WAIT}, or null when it asks for none (or
     * says something that is neither a number nor a date)
     */
    public static Duration of(Response response) {
        return of(response.header("retry-after-ms"), response.header("retry-after"));
    }

    /**
     * @param millis  the {@code retry-after-ms} header, or null
     * @param seconds the {@code retry-after} header, or null
     * @return the wait, as {@link #of(Response)}
     */
    static Duration of(String millis, String seconds) {
        Duration wait = null;
        try {
            if (millis != null) {
                wait = Duration.ofNanos(Math.round(Double.parseDouble(millis.strip()) * 1e6));
            } else if (seconds != null) {
                wait = seconds.strip().matches("[0-9.]+")
                        ? Duration.ofNanos(Math.round(Double.parseDouble(seconds.strip()) * 1e9))
                        : Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(seconds.strip(),
                        DateTimeFormatter.RFC_1123_DATE_TIME));
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
        if (wait == null) {
            return null;
        }
        if (wait.isNegative()) {
            return Duration.ZERO; // a date already past: try now
        }
        return wait.compareTo(AdaptiveLimit.MAX_WAIT) > 0 ? AdaptiveLimit.MAX_WAIT : wait;
    }
}
