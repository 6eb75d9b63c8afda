package io.github.llmtest.internal.openai;

import io.github.llmtest.fake.FakeOpenAi;
import io.github.llmtest.internal.provider.AdaptiveLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import static io.github.llmtest.internal.openai.OpenAiClientTest.KEY;
import static io.github.llmtest.internal.openai.OpenAiClientTest.ask;

/**
 * Live calls at a server's concurrency limit: 1,000 calls against an in-process server that answers each in 50 ms,
 * sent by 32 threads through one client whose server limit ({@code llmtest.concurrency}) is 1, then 32. Part of
 * {@code BenchmarkRunner}.
 */
public final class ConcurrencyBenchmark {

    static final int CALLS = 1_000;
    static final Duration ANSWER_TIME = Duration.ofMillis(50);
    static final int CALLERS = 32;

    private ConcurrencyBenchmark() {
    }

    /** Runs both limits and reports them; {@code verdict} takes whether the target was met and a sentence. */
    public static void run(StringBuilder report, BiConsumer<Boolean, String> verdict) throws Exception {
        try (FakeOpenAi server = FakeOpenAi.start().forModel("gpt-4o", (exchange, request) -> {
            try {
                Thread.sleep(ANSWER_TIME.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            FakeOpenAi.answer("fine").serve(exchange, request);
        })) {
            time(server, 32, 100); // warm-up: connections, JIT
            double one = time(server, 1, CALLS);
            double many = time(server, 32, CALLS);
            report.append(String.format(Locale.ROOT, "%n## Concurrency against a server's limit%n%n%,d live calls "
                    + "(OpenAI-compatible, streamed) to an in-process server that answers each after %d ms, sent by "
                    + "%d threads through one client, with the server's limit at 1 and at 32:%n%n"
                    + "| limit | wall clock | calls per second |%n|---:|---:|---:|%n| 1 | %.1f s | %.0f |%n"
                    + "| 32 | %.1f s | %.0f |%n", CALLS, ANSWER_TIME.toMillis(), CALLERS, one, CALLS / one, many,
                    CALLS / many));
            verdict.accept(one / many >= 10, String.format(Locale.ROOT, "1,000 calls of 50 ms at concurrency 32 "
                    + "at least 10x faster than at 1: %.1fx (%.1f s against %.1f s)", one / many, many, one));
        }
    }

    /** @return the seconds {@code calls} calls took at this limit */
    private static double time(FakeOpenAi server, int limit, int calls) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        try (OpenAiClient client = OpenAiClient.builder().baseUrl(server.url()).apiKey(KEY)
                .limit(new AdaptiveLimit("benchmark", limit)).build()) {
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String prompt = "question " + i;
                running.add(callers.submit(() -> client.chat(ask("gpt-4o", prompt))));
            }
            for (Future<?> call : running) {
                call.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            callers.shutdownNow();
        }
    }
}
