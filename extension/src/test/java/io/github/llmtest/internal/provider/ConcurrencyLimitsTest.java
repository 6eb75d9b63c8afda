package io.github.llmtest.internal.provider;

import io.github.llmtest.fake.CapturedLog;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code llmtest.concurrency}: per server, per provider, for every server, else the provider's default. */
class ConcurrencyLimitsTest {

    private static final ProviderType OLLAMA = ProviderTypes.byId("ollama").orElseThrow();
    private static final ProviderType OPENAI = ProviderTypes.byId("openai").orElseThrow();
    private static final BaseUrl LOCAL = BaseUrl.of("http://localhost:11434");
    private static final BaseUrl GPU = BaseUrl.of("http://gpu-box:11434");
    private static final BaseUrl HOSTED = BaseUrl.of("https://api.openai.com/v1");

    @Test
    void withoutTheSettingEachProviderGivesItsDefault() {
        ConcurrencyLimits limits = ConcurrencyLimits.defaults();

        assertThat(limits.ceiling(OPENAI, HOSTED)).as("a hosted API").isEqualTo(16);
        assertThat(limits.ceiling(OPENAI, BaseUrl.of("http://127.0.0.1:8080/v1"))).as("a local server").isEqualTo(4);
        assertThat(limits.ceiling(OLLAMA, LOCAL)).as("OLLAMA_NUM_PARALLEL, else 1")
                .isEqualTo(OLLAMA.defaultConcurrency(LOCAL)).isPositive();
    }

    @Test
    void theMostSpecificEntryWinsABaseUrlOverAProviderOverEveryServer() {
        ConcurrencyLimits limits = ConcurrencyLimits.parse(" 6, ollama=2 , http://gpu-box:11434/=8");

        assertThat(limits.ceiling(OLLAMA, GPU)).isEqualTo(8);
        assertThat(limits.ceiling(OLLAMA, LOCAL)).isEqualTo(2);
        assertThat(limits.ceiling(OPENAI, HOSTED)).isEqualTo(6);
    }

    @Test
    void aBaseUrlEntryMatchesEveryBaseUrlItBeginsAndTheLongestWins() {
        ConcurrencyLimits limits = ConcurrencyLimits.parse("https://api.openai.com=20,https://api.openai.com/v1=30");

        assertThat(limits.ceiling(OPENAI, HOSTED)).isEqualTo(30);
        assertThat(limits.ceiling(OPENAI, BaseUrl.of("https://api.openai.com/v2"))).isEqualTo(20);
        assertThat(limits.ceiling(OPENAI, BaseUrl.of("https://api.openai.community/v1"))).as("another host")
                .isEqualTo(16);
    }

    @Test
    void everyClientOfOneServerSharesOneLimit() {
        ConcurrencyLimits limits = ConcurrencyLimits.parse("ollama=3");

        AdaptiveLimit first = limits.of(OLLAMA, LOCAL);

        assertThat(limits.of(OLLAMA, BaseUrl.of("http://localhost:11434"))).isSameAs(first);
        assertThat(limits.of(OLLAMA, GPU)).isNotSameAs(first);
        assertThat(first.ceiling()).isEqualTo(3);
        assertThat(limits.all()).hasSize(2);
    }

    @Test
    void anEntryThatIsNotAWholeNumberOfAtLeastOneIsRefusedNamingItAndTheForm() {
        for (String bad : List.of("ollama=0", "many", "openai=2.5", "http://gpu-box:11434=")) {
            assertThatThrownBy(() -> ConcurrencyLimits.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("llmtest.concurrency").hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("ollama=2,openai=32");
        }
    }

    @Test
    void progressIsWrittenAtMostOncePerIntervalWithTheCountsTheLimitsAndTheTimeLeft() {
        AtomicLong now = new AtomicLong();
        LiveProgress progress = new LiveProgress(Duration.ofSeconds(5), now::get);
        ConcurrencyLimits limits = ConcurrencyLimits.parse("ollama=4", progress);
        AdaptiveLimit limit = limits.of(OLLAMA, LOCAL);
        limits.expect(40);
        List<String> lines = CapturedLog.during(Level.INFO, () -> {
            limit.callRetried();
            limit.callDone(); // the first call starts the clock
            for (int i = 0; i < 10; i++) { // a call a second
                now.addAndGet(Duration.ofSeconds(1).toNanos());
                limit.callDone();
            }
            limit.callFailed();
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            limit.callDone();
        }).stream().map(LogRecord::getMessage).toList();

        assertThat(lines).as("fifteen seconds of calls, one line per five seconds").containsExactly(
                "llmtest: live calls: 6 done, 0 in flight, 0 failed, 1 retried; limit now: ollama "
                        + "http://localhost:11434 4 of 4; 5s elapsed, about 28s left for the 40 calls announced",
                "llmtest: live calls: 11 done, 0 in flight, 0 failed, 1 retried; limit now: ollama "
                        + "http://localhost:11434 4 of 4; 10s elapsed, about 26s left for the 40 calls announced",
                "llmtest: live calls: 12 done, 0 in flight, 1 failed, 1 retried; limit now: ollama "
                        + "http://localhost:11434 4 of 4; 15s elapsed, about 31s left for the 40 calls announced");
    }

    @Test
    void longRunsShowMinutesAndHours() {
        assertThat(LiveProgress.span(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(LiveProgress.span(Duration.ofSeconds(65))).isEqualTo("1m05s");
        assertThat(LiveProgress.span(Duration.ofMinutes(123))).isEqualTo("2h03m");
    }
}
