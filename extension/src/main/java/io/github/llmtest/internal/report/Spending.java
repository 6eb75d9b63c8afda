package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a test's or a run's priced calls cost, in US dollars: the application's live calls, its replayed calls
 * (what they cost when recorded) and judges' calls (the evaluation's cost, never the application's) apart.
 *
 * @param pricedCalls the calls that had a price
 * @param liveUsd     the application's live calls
 * @param recordedUsd the application's replayed calls, as recorded
 * @param judgeUsd    the judges' calls, live or replayed
 * @param reasoningUsd of all these, what reasoning tokens cost
 * @param byModel     the application's calls (live and recorded) per model
 */
record Spending(int pricedCalls, double liveUsd, double recordedUsd, double judgeUsd, double reasoningUsd,
                Map<String, Double> byModel) {

    static Spending of(Collection<ReportedCall> calls) {
        int priced = 0;
        double live = 0;
        double recorded = 0;
        double judge = 0;
        double reasoning = 0;
        Map<String, Double> byModel = new TreeMap<>();
        synchronized (calls) {
            for (ReportedCall c : calls) {
                CallEntry.Spend cost = c.entry.cost();
                if (cost == null) {
                    continue;
                }
                priced++;
                reasoning += cost.reasoningUsd();
                if (c.entry.judge()) {
                    judge += cost.usd();
                    continue;
                }
                if (c.replayed()) {
                    recorded += cost.usd();
                } else {
                    live += cost.usd();
                }
                byModel.merge(c.model(), cost.usd(), Double::sum);
            }
        }
        return new Spending(priced, live, recorded, judge, reasoning, Map.copyOf(byModel));
    }

    /**
     * The tests' costs summed test by test (the same sums, in the same order, as adding each test's
     * {@link #of} in turn), into one map rather than a new one per test.
     */
    static Spending sum(Collection<ReportedTest> tests) {
        int priced = 0;
        double live = 0;
        double recorded = 0;
        double judge = 0;
        double reasoning = 0;
        Map<String, Double> byModel = new TreeMap<>();
        for (ReportedTest t : tests) {
            Spending test = of(t.calls);
            if (!test.any()) {
                continue;
            }
            priced += test.pricedCalls;
            live += test.liveUsd;
            recorded += test.recordedUsd;
            judge += test.judgeUsd;
            reasoning += test.reasoningUsd;
            test.byModel.forEach((m, usd) -> byModel.merge(m, usd, Double::sum));
        }
        return new Spending(priced, live, recorded, judge, reasoning, Map.copyOf(byModel));
    }

    boolean any() {
        return pricedCalls > 0;
    }

    ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("priced_calls", pricedCalls).put("live_usd", liveUsd)
                .put("recorded_usd", recordedUsd).put("judge_usd", judgeUsd).put("reasoning_usd", reasoningUsd);
        ObjectNode models = node.putObject("by_model");
        new TreeMap<>(byModel).forEach(models::put);
        return node;
    }

    /** "Cost: $0.0123 live, $0.4500 recorded cost of replayed calls, $0.0100 by judges (reasoning: $0.2000)." */
    String sentence() {
        return String.format(Locale.ROOT, "Cost of %d priced call(s): $%.4f live, $%.4f recorded cost of replayed "
                + "calls, $%.4f by judges (of all this, reasoning tokens: $%.4f).", pricedCalls, liveUsd,
                recordedUsd, judgeUsd, reasoningUsd);
    }
}
