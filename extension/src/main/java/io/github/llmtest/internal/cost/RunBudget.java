package io.github.llmtest.internal.cost;

import io.github.llmtest.internal.SettingNames;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole run's budget for live calls ({@code llmtest.budget.usd}): what the run's live calls cost so far, and
 * whether a new one may start. Once the priced live calls reach the budget, no new live call starts; calls already
 * in flight finish and are added. Replayed calls spend nothing and are never refused. One per run, in JUnit's root
 * store.
 */
public final class RunBudget {

    /** No budget: every live call may start. */
    public static final RunBudget NONE = new RunBudget(Double.POSITIVE_INFINITY);

    /** Dollars are summed in millionths of a cent, exact enough and safe to add from many threads. */
    private static final double UNITS_PER_USD = 1e8;

    private final double limitUsd;
    private final AtomicLong spentUnits = new AtomicLong();
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * @param limitUsd the most the run's live calls may cost, in US dollars
     */
    public RunBudget(double limitUsd) {
        if (!(limitUsd >= 0)) {
            throw new IllegalArgumentException("a run budget must be at least 0 dollars, but was " + limitUsd);
        }
        this.limitUsd = limitUsd;
    }

    /**
     * Adds a finished live call's cost.
     *
     * @param usd what it cost
     */
    public void spend(double usd) {
        if (limitUsd != Double.POSITIVE_INFINITY && usd > 0) {
            spentUnits.addAndGet(Math.round(usd * UNITS_PER_USD));
            calls.incrementAndGet();
        }
    }

    /** @return what the run's live calls cost so far */
    public double spentUsd() {
        return spentUnits.get() / UNITS_PER_USD;
    }

    /**
     * Whether a new live call may start.
     *
     * @param testId the test that would make it, for the message
     * @return null when it may, else the problem to fail the test with
     */
    public RuntimeException refusal(String testId) {
        double spent = spentUsd();
        if (spent < limitUsd) {
            return null;
        }
        return new RunBudgetSpent(String.format(Locale.ROOT, "The run's budget was spent: %d priced live call(s) "
                + "cost $%.4f, reaching -D%s=%s, so no new live call starts and %s could not make its call. Raise "
                + "the budget, or replay the recordings (-Dllmtest.mode=replay).", calls.get(), spent,
                SettingNames.BUDGET_USD, limitUsd, testId));
    }

    /** A live call that was not made because the run's budget was spent. */
    public static final class RunBudgetSpent extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RunBudgetSpent(String message) {
            super(message);
        }
    }
}
