package io.github.llmtest.internal.openai;

import com.sun.net.httpserver.HttpExchange;
import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.provider.AdaptiveLimit;
import io.github.llmtest.internal.provider.LiveAnswer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.llmtest.internal.openai.OpenAiClientTest.KEY;
import static io.github.llmtest.internal.openai.OpenAiClientTest.ask;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of many concurrent calls against a server that rate-limits: the server's limit halves on its 429s, grows
 * back after successes, and every call is answered in the end.
 */
class RateLimitedRunTest {

    private static final int CALLS = 60;

    /** Refuses every fifth request with 429 and {@code retry-after: 1}, but never the same request twice. */
    private static final class EveryFifthRefused implements FakeOpenAi.Script {
        private final AtomicInteger requests = new AtomicInteger();
        private final Set<String> refused = ConcurrentHashMap.newKeySet();
        final AtomicInteger refusals = new AtomicInteger();

        @Override
        public void serve(HttpExchange exchange, FakeOllama.Recorded request) throws IOException {
            String body = request.json().toString();
            if (requests.incrementAndGet() % 5 == 0 && refused.add(body)) {
                refusals.incrementAndGet();
                FakeOpenAi.error(429, "Rate limit reached for requests", "requests", null, "rate_limit_exceeded",
                        Map.of("retry-after", "1")).serve(exchange, request);
            } else {
                FakeOpenAi.answer("answer to " + request.json().at("/messages/0/content").asText())
                        .serve(exchange, request);
            }
        }
    }

    @Test
    void aServerAnswering429ToEveryFifthRequestLosesNoCallAndTheLimitShrinksAndGrowsBack() throws Exception {
        // GIVEN a server that refuses every fifth request, and eight calls at a time through one client
        EveryFifthRefused script = new EveryFifthRefused();
        AdaptiveLimit limit = new AdaptiveLimit("openai test", 8);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try (FakeOpenAi server = FakeOpenAi.start().forModel("gpt-4o", script);
             OpenAiClient client = OpenAiClient.builder().baseUrl(server.url()).apiKey(KEY).limit(limit).build()) {
            List<Future<LiveAnswer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String prompt = "question " + i;
                calls.add(callers.submit(() -> client.chat(ask("gpt-4o", prompt))));
            }

            // WHEN every call has ended
            List<String> answers = new ArrayList<>();
            for (Future<LiveAnswer> call : calls) {
                answers.add(call.get().text());
            }

            // THEN every call got its own answer, none failed, each refusal was retried
            assertThat(answers).hasSize(CALLS).doesNotHaveDuplicates().allMatch(a -> a.startsWith("answer to question"));
            AdaptiveLimit.Counts counts = limit.counts();
            // of the 60 + F requests a fifth are refused unless they are the retry of one refused: F >= 12 - F
            assertThat(script.refusals.get()).as("refusals the server sent").isGreaterThanOrEqualTo(CALLS / 10);
            assertThat(counts.failed()).as("failed calls").isZero();
            assertThat(counts.done()).isEqualTo(CALLS);
            assertThat(counts.retried()).isEqualTo(script.refusals.get());
            // AND the limit went down on the refusals and back up after runs of successes
            List<Integer> history = limit.history();
            assertThat(history.get(0)).isEqualTo(8);
            int firstDrop = firstChange(history, 0, -1);
            assertThat(firstDrop).as("the limit halved: " + history).isPositive();
            assertThat(history.get(firstDrop)).isEqualTo(history.get(firstDrop - 1) / 2);
            assertThat(firstChange(history, firstDrop, +1)).as("the limit grew again: " + history).isPositive();
            assertThat(history).allMatch(l -> l >= 1 && l <= 8);
        } finally {
            callers.shutdownNow();
        }
    }

    /** The first index after {@code from} where the history moves in the direction given, or -1. */
    private static int firstChange(List<Integer> history, int from, int direction) {
        for (int i = Math.max(1, from + 1); i < history.size(); i++) {
            if (Integer.signum(history.get(i) - history.get(i - 1)) == direction) {
                return i;
            }
        }
        return -1;
    }
}
