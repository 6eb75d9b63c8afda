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
 * @param drifted     recordings that replaced or sat next to an old one whose extracted answer was different
 * @param rerecorded  recordings that replaced or sat next to an old one
 */
record Summary(int tests, int calls, int live, int replayed, int failedTests, int drifted, int rerecorded) {

    static Summary of(List<ReportedTest> tests) {
        int calls = 0;
        int replayed = 0;
        int failed = 0;
        int drifted = 0;
        int rerecorded = 0;
        for (ReportedTest t : tests) {
            calls += t.calls.size();
            replayed += (int) t.calls.stream().filter(ReportedCall::replayed).count();
            failed += t.failed() ? 1 : 0;
            for (ReportedCall c : t.calls) {
                var drift = Drift.of(c);
                rerecorded += drift.isPresent() ? 1 : 0;
                drifted += drift.filter(Drift::changed).isPresent() ? 1 : 0;
            }
        }
        return new Summary(tests.size(), calls, calls - replayed, replayed, failed, drifted, rerecorded);
    }

    /** The one-sentence summary every report starts with. */
    String sentence() {
        return String.format(java.util.Locale.ROOT, "%d LLM call(s) in %d test(s): %d live, %d replayed (figures as "
                + "recorded, not measured). %d test(s) failed.%s", calls, tests, live, replayed, failedTests,
                rerecorded == 0 ? "" : " " + rerecorded + " recording(s) replaced an earlier answer; the extracted "
                        + "answer changed in " + drifted + ".");
    }
}
