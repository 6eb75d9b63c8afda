package io.github.llmtest.internal.report;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The report's writers warmed up during a long run")
class ReportWarmUpTest {

    @Test
    void aRunShorterThanTheThresholdWarmsNothingUp() throws Exception {
        ReportWarmUp warmUp = new ReportWarmUp();
        AtomicInteger copies = new AtomicInteger();

        for (int i = 1; i < ReportWarmUp.CALLS; i++) {
            warmUp.called(() -> {
                copies.incrementAndGet();
                return List.of();
            });
        }

        assertThat(copies).hasValue(0);
        assertThat(warmUp.await()).isFalse();
    }

    @Test
    void theCallAtTheThresholdStartsOneWarmUpOverTheTestsSoFar() throws Exception {
        ReportWarmUp warmUp = new ReportWarmUp();
        AtomicInteger copies = new AtomicInteger();
        List<ReportedTest> soFar = LargeRun.tests(100);

        for (int i = 0; i < ReportWarmUp.CALLS + 10; i++) {
            warmUp.called(() -> {
                copies.incrementAndGet();
                return soFar;
            });
        }

        assertThat(warmUp.await()).isTrue();
        assertThat(copies).hasValue(1);
    }

    @Test
    void aStoppedWarmUpEndsAtItsNextChunk() {
        List<ReportedTest> tests = LargeRun.tests(200);

        assertThatThrownBy(() -> Reports.warmUp(tests, () -> true)).isInstanceOf(InterruptedIOException.class)
                .hasMessageContaining("report.json");
    }

    @Test
    void aCopyOfATestHoldsItsCallsAndVerdictsAndDoesNotGrowWithIt() {
        ReportedTest test = LargeRun.tests(10).get(0);
        int calls = test.calls.size();

        ReportedTest copy = test.copy();
        test.add(test.calls.get(0));

        assertThat(copy.calls).hasSize(calls);
        assertThat(copy.uniqueId).isEqualTo(test.uniqueId);
        assertThat(copy.status).isEqualTo(test.status);
        assertThat(copy.dataset).isSameAs(test.dataset);
        assertThat(copy.name()).isEqualTo(test.name());
    }
}
