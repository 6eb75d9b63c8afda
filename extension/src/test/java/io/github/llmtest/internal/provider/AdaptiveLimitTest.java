package io.github.llmtest.internal.provider;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-server limit: halves on overload (once per burst), grows by one after a run of successes. */
class AdaptiveLimitTest {

    private static List<AdaptiveLimit.Slot> take(AdaptiveLimit limit, int count) throws InterruptedException {
        List<AdaptiveLimit.Slot> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            slots.add(limit.acquire(Duration.ZERO));
        }
        return slots;
    }

    @Test
    void noMoreSlotsThanTheLimitAreHandedOut() throws InterruptedException {
        AdaptiveLimit limit = new AdaptiveLimit("s", 2);

        List<AdaptiveLimit.Slot> slots = take(limit, 3);

        assertThat(slots.subList(0, 2)).doesNotContainNull();
        assertThat(slots.get(2)).as("a third slot, with none free").isNull();
        limit.release(slots.get(0), AdaptiveLimit.Signal.NEUTRAL);
        assertThat(limit.acquire(Duration.ZERO)).as("a slot handed back").isNotNull();
    }

    @Test
    void aBurstOfRefusalsHalvesTheLimitOnceAndLaterOnesHalveItAgain() throws InterruptedException {
        AdaptiveLimit limit = new AdaptiveLimit("s", 8);
        List<AdaptiveLimit.Slot> burst = take(limit, 8);

        burst.forEach(slot -> limit.release(slot, AdaptiveLimit.Signal.OVERLOADED));

        assertThat(limit.limit()).as("eight refusals of requests sent at the same limit").isEqualTo(4);
        limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.OVERLOADED);
        assertThat(limit.limit()).as("a refusal of a request sent after the halving").isEqualTo(2);
        assertThat(limit.history()).containsExactly(8, 4, 2);
    }

    @Test
    void theLimitGrowsByOneAfterAsManySuccessesInARowAsItIsAndNeverAboveTheCeiling() throws InterruptedException {
        AdaptiveLimit limit = new AdaptiveLimit("s", 3);
        limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.OVERLOADED); // 3 -> 1

        for (int i = 0; i < 20; i++) {
            limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.SUCCESS);
        }

        assertThat(limit.history()).containsExactly(3, 1, 2, 3);
        assertThat(limit.limit()).isEqualTo(3);
    }

    @Test
    void aRefusalBetweenSuccessesStartsTheRunAgain() throws InterruptedException {
        AdaptiveLimit limit = new AdaptiveLimit("s", 8);
        limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.OVERLOADED); // 8 -> 4
        for (int i = 0; i < 3; i++) {
            limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.SUCCESS);
        }

        limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.OVERLOADED); // 4 -> 2
        limit.release(limit.acquire(Duration.ZERO), AdaptiveLimit.Signal.SUCCESS);

        assertThat(limit.history()).containsExactly(8, 4, 2);
    }

    @Test
    void neutralOutcomesAndSlotsHandedBackTwiceChangeNothing() throws InterruptedException {
        AdaptiveLimit limit = new AdaptiveLimit("s", 1);
        AdaptiveLimit.Slot slot = limit.acquire(Duration.ZERO);

        limit.release(slot, AdaptiveLimit.Signal.NEUTRAL);
        limit.release(slot, AdaptiveLimit.Signal.OVERLOADED);

        assertThat(limit.history()).containsExactly(1);
        assertThat(limit.counts().inFlight()).isZero();
    }

    @Test
    void aCeilingBelowOneIsRefusedNamingTheServer() {
        assertThatThrownBy(() -> new AdaptiveLimit("ollama http://localhost:11434", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ollama http://localhost:11434").hasMessageContaining("at least 1");
    }

    @Test
    void retryAfterIsReadInMillisecondsOrSecondsAndCappedAtTheMaximumWait() {
        assertThat(RetryAfter.of("250", "9")).isEqualTo(Duration.ofMillis(250));
        assertThat(RetryAfter.of(null, "1")).isEqualTo(Duration.ofSeconds(1));
        assertThat(RetryAfter.of(null, "86400")).as("a day").isEqualTo(AdaptiveLimit.MAX_WAIT);
        assertThat(RetryAfter.of(null, "soon")).isNull();
        assertThat(RetryAfter.of(null, null)).isNull();
        assertThat(RetryAfter.of(null, "Wed, 21 Oct 2015 07:28:00 GMT")).as("a date past").isEqualTo(Duration.ZERO);
    }

    @Test
    void aHostedApisResponseIsTriedAgainOnOverloadOrAServerErrorAndAsTheServerSaysUntilTheRetriesAreUsed() {
        assertThat(RetryAfter.mayRetry(response(429, null), 0, 2)).isTrue();
        assertThat(RetryAfter.mayRetry(response(503, null), 1, 2)).isTrue();
        assertThat(RetryAfter.mayRetry(response(408, null), 0, 2)).isTrue();
        assertThat(RetryAfter.mayRetry(response(429, null), 2, 2)).as("retries used").isFalse();
        assertThat(RetryAfter.mayRetry(response(400, null), 0, 2)).as("a bad request").isFalse();
        assertThat(RetryAfter.mayRetry(response(400, "true"), 0, 2)).as("the server asks for it").isTrue();
        assertThat(RetryAfter.mayRetry(response(529, "false"), 0, 2)).as("the server says no").isFalse();
    }

    private static okhttp3.Response response(int code, String shouldRetry) {
        okhttp3.Response.Builder response = new okhttp3.Response.Builder()
                .request(new okhttp3.Request.Builder().url("http://127.0.0.1:1/v1/messages").build())
                .protocol(okhttp3.Protocol.HTTP_1_1).code(code).message("status " + code);
        if (shouldRetry != null) {
            response.header("x-should-retry", shouldRetry);
        }
        return response.build();
    }
}
