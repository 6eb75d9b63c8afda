package io.github.llmtest;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Texts;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Checks the calls of a test against the nearest {@link LatencyBudget}. */
final class LatencyBudgets {

    private LatencyBudgets() {
    }

    static void check(ExtensionContext context, List<LlmCall> calls) {
        Optional<LatencyBudget> budget = Settings.nearest(context, LatencyBudget.class).stream().findFirst();
        if (budget.isEmpty() || calls.isEmpty()) {
            return;
        }
        Duration total = parse(budget.get().total(), "total");
        Duration firstToken = parse(budget.get().firstToken(), "firstToken");
        double minSpeed = budget.get().minTokensPerSecond();
        if (minSpeed < 0 || Double.isNaN(minSpeed)) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `minTokensPerSecond` to be at least 0, "
                    + "but was " + minSpeed);
        }
        List<String> broken = new ArrayList<>();
        int brokenCalls = 0;
        for (LlmCall call : calls) {
            int before = broken.size();
            LlmAnswer answer = call.answer();
            Latency latency = answer.latency();
            String name = "call #" + call.index() + " (" + answer.model() + ", \"" + Texts.head(answer.prompt(), 60)
                    + "\")";
            String source = answer.replayed() ? " [recorded, not measured: " + answer.provenance() + "]"
                    : " [measured live]";
            if (total != null && latency.total().compareTo(total) > 0) {
                broken.add(name + ": total " + Durations.format(latency.total()) + " is over the budget of "
                        + Durations.format(total) + source);
            }
            if (firstToken != null) {
                if (latency.firstToken().isEmpty()) {
                    broken.add(name + ": has no time-to-first-token figure to check against the budget of "
                            + Durations.format(firstToken) + source);
                } else if (latency.firstToken().get().compareTo(firstToken) > 0) {
                    broken.add(name + ": first token after " + Durations.format(latency.firstToken().get())
                            + " is over the budget of " + Durations.format(firstToken) + source);
                }
            }
            if (minSpeed > 0) {
                if (latency.tokensPerSecond().isEmpty()) {
                    broken.add(name + ": has no token figures to check against the minimum of "
                            + String.format(Locale.ROOT, "%.1f", minSpeed) + " tokens/s" + source);
                } else if (latency.tokensPerSecond().getAsDouble() < minSpeed) {
                    broken.add(name + String.format(Locale.ROOT, ": %.1f tokens/s is under the minimum of %.1f",
                            latency.tokensPerSecond().getAsDouble(), minSpeed) + source);
                }
            }
            if (broken.size() > before) {
                brokenCalls++;
            }
        }
        if (!broken.isEmpty()) {
            throw new AssertionFailedError("@LatencyBudget broken by " + brokenCalls + " of " + calls.size()
                    + " LLM call(s); model load is never counted:\n  " + String.join("\n  ", broken));
        }
    }

    private static Duration parse(String value, String attribute) {
        if (value.isBlank()) {
            return null;
        }
        try {
            Duration d = Durations.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `" + attribute + "` to be a positive "
                    + "duration such as 2s or 500ms, but was '" + value + "': " + e.getMessage());
        }
    }
}
