package io.github.llmtest;

import io.github.llmtest.internal.call.Purpose;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks the calls of a test against the nearest {@link CostBudget}. */
final class CostBudgets {

    /** The failure names this many of the costliest calls. */
    static final int COSTLIEST = 3;

    private CostBudgets() {
    }

    /** Reads the budget before the test runs, so that a bad attribute fails it at once. */
    static void validate(ExtensionContext context) {
        nearest(context).ifPresent(budget -> {
            if (!(budget.maxUsd() >= 0) || Double.isInfinite(budget.maxUsd())) {
                throw new ExtensionConfigurationException("@CostBudget requires `maxUsd` to be a number of dollars of "
                        + "at least 0, but was " + budget.maxUsd());
            }
        });
    }

    static void check(ExtensionContext context, List<LlmCall> calls) {
        Optional<CostBudget> found = nearest(context);
        if (found.isEmpty()) {
            return;
        }
        CostBudget budget = found.get();
        List<LlmCall> counted = calls.stream().filter(c -> c.answer().cost().isPresent())
                .filter(c -> budget.countRecorded() || !c.answer().replayed())
                .filter(c -> budget.countJudges() || c.purpose() == Purpose.ANSWER).toList();
        double spent = counted.stream().mapToDouble(CostBudgets::usd).sum();
        if (spent <= budget.maxUsd()) {
            return;
        }
        List<LlmCall> costliest = counted.stream().sorted(Comparator.comparingDouble(CostBudgets::usd).reversed())
                .limit(COSTLIEST).toList();
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "@CostBudget broken: %d call(s) cost $%.6f, more than the budget of $%.6f%s. The costliest:",
                counted.size(), spent, budget.maxUsd(), budget.countRecorded() ? " (replayed calls at their recorded "
                        + "cost)" : ""));
        for (LlmCall c : costliest) {
            Cost cost = c.answer().cost().orElseThrow();
            message.append(String.format(Locale.ROOT, "%n  call %d (%s%s%s): $%.6f, of it reasoning $%.6f"
                            + " (%d of %d output tokens); %d prompt tokens, %d cached", c.index(), c.answer().model(),
                    c.answer().replayed() ? ", recorded cost" : "", c.purpose() == Purpose.ANSWER ? "" : ", a judge's",
                    cost.totalUsd(), cost.reasoningUsd(), cost.reasoningTokens(), cost.outputTokens(),
                    cost.promptTokens(), cost.cachedPromptTokens()));
        }
        if (!budget.countJudges()) {
            double judges = calls.stream().filter(c -> c.purpose() != Purpose.ANSWER)
                    .filter(c -> budget.countRecorded() || !c.answer().replayed()).mapToDouble(CostBudgets::usd).sum();
            if (judges > 0) {
                message.append(String.format(Locale.ROOT, "%nJudges' calls cost $%.6f more, not counted "
                        + "(countJudges = true counts them).", judges));
            }
        }
        throw new AssertionFailedError(message.toString());
    }

    private static double usd(LlmCall call) {
        return call.answer().cost().map(Cost::totalUsd).orElse(0d);
    }

    private static Optional<CostBudget> nearest(ExtensionContext context) {
        return Settings.first(context, CostBudget.class);
    }
}
