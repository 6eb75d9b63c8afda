package io.github.llmtest.internal.report;

import java.util.List;

/**
 * The counts at the top of every report.
 *
 * @param tests       tests that made LLM calls
 * @param calls       LLM calls
 * @param live        calls answered live
 * @param replayed    calls answered from fixtures
 * @param failedTests tests that failed
 */
record Summary(int tests, int calls, int live, int replayed, int failedTests) {

    static Summary of(List<ReportedTest> tests) {
        int calls = 0;
        int replayed = 0;
        int failed = 0;
        for (ReportedTest t : tests) {
            calls += t.calls.size();
            replayed += (int) t.calls.stream().filter(ReportedCall::replayed).count();
            failed += t.failed() ? 1 : 0;
        }
        return new Summary(tests.size(), calls, calls - replayed, replayed, failed);
    }
}
