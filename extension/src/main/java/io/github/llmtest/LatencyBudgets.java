package io.github.llmtest;

import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Percentiles;
import io.github.llmtest.internal.report.BudgetEntry;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Checks the calls of a test against the nearest {@link LatencyBudget}: every call (the default), or a percentile
 * of each figure over the calls, and the share of calls that met every target (goodput). Publishes the verdict
 * for the run report either way.
 */
final class LatencyBudgets {

    private static final int WORST = 3;

    /** The figures a budget can set, each read from a call's latency. */
    private enum Figure {
        TOTAL("total", "total", false, l -> OptionalDouble.of(Durations.millis(l.total()))),
        FIRST_TOKEN("first_token", "first token", false, l -> millis(l.firstToken())),
        INTER_TOKEN("inter_token", "mean inter-token gap", false,
                l -> millis(l.interToken().map(Latency.InterToken::mean))),
        SPEED("tokens_per_second", "generation speed", true, Latency::tokensPerSecond);

        final String key;
        final String label;
        /** For speed a higher value is better, so a target is a minimum and the slow tail is judged. */
        final boolean minimum;
        final Function<Latency, OptionalDouble> read;

        Figure(String key, String label, boolean minimum, Function<Latency, OptionalDouble> read) {
            this.key = key;
            this.label = label;
            this.minimum = minimum;
            this.read = read;
        }

        boolean meets(double value, double target) {
            return minimum ? value >= target : value <= target;
        }

        String format(double value) {
            return minimum ? String.format(Locale.ROOT, "%.1f tokens/s", value) : Durations.formatMillis(value);
        }
    }

    private record Target(Figure figure, double value) {
    }

    private LatencyBudgets() {
    }

    /**
     * Reads the test's budget before the test runs, so that a bad attribute fails it at once, naming the
     * attribute, rather than after its calls (or never, for a test without calls).
     */
    static void validate(ExtensionContext context) {
        Settings.first(context, LatencyBudget.class).ifPresent(budget -> {
            targets(budget);
            checkRanges(budget);
        });
    }

    private static void checkRanges(LatencyBudget budget) {
        if (!(budget.percentile() > 0 && budget.percentile() <= 100)) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `percentile` to be above 0 and at most "
                    + "100 (100: every call), but was " + budget.percentile());
        }
        if (!(budget.minGoodput() >= 0 && budget.minGoodput() <= 1)) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `minGoodput` to be a share from 0 to "
                    + "1, such as 0.9, but was " + budget.minGoodput());
        }
    }

    static void check(ExtensionContext context, List<LlmCall> allCalls) {
        Optional<LatencyBudget> annotation = Settings.first(context, LatencyBudget.class);
        if (annotation.isEmpty() || allCalls.isEmpty()) {
            return;
        }
        // a judge's calls grade the answer; they are not the answer, unless the judge says they count
        List<LlmCall> calls = allCalls.stream().filter(c -> c.purpose().inLatency()).toList();
        if (calls.isEmpty()) {
            return;
        }
        LatencyBudget budget = annotation.get();
        List<Target> targets = targets(budget);
        checkRanges(budget);
        double percentile = budget.percentile();
        double minGoodput = budget.minGoodput();
        List<String> broken = new ArrayList<>();
        List<BudgetEntry.Figure> figures = new ArrayList<>();
        for (Target target : targets) {
            figures.add(percentile == 100 ? everyCall(target, calls, broken) : atPercentile(target, percentile,
                    calls, broken));
        }
        List<LlmCall> good = calls.stream().filter(c -> meetsAll(c, targets)).toList();
        double goodput = (double) good.size() / calls.size();
        if (minGoodput > 0 && goodput < minGoodput) {
            List<LlmCall> missed = calls.stream().filter(c -> !good.contains(c)).toList();
            broken.add(String.format(Locale.ROOT, "goodput %.0f%% (%d of %d calls met every target) is under the "
                    + "minimum of %.0f%%; missed by %s", goodput * 100, good.size(), calls.size(), minGoodput * 100,
                    String.join(", ", missed.stream().limit(WORST).map(LlmCall::describe).toList())
                            + (missed.size() > WORST ? " and " + (missed.size() - WORST) + " more" : "")));
        }
        context.publishReportEntry(BudgetEntry.KEY, Jsons.compact(new BudgetEntry(percentile, calls.size(), good.size(), minGoodput,
                broken.isEmpty(), figures).toJson()));
        if (!broken.isEmpty()) {
            String scope = percentile == 100 ? " by " + (calls.size() - good.size()) + " of " + calls.size()
                    : String.format(Locale.ROOT, " at the %s percentile over %d", ordinal(percentile), calls.size());
            throw new AssertionFailedError("@LatencyBudget broken" + scope + " LLM call(s); model load is never "
                    + "counted:\n  " + String.join("\n  ", broken));
        }
    }

    /** The default: each call on its own; every call that breaks a target is named. */
    private static BudgetEntry.Figure everyCall(Target target, List<LlmCall> calls, List<String> broken) {
        Figure figure = target.figure();
        int missing = 0;
        Double worst = null;
        for (LlmCall call : calls) {
            OptionalDouble value = figure.read.apply(call.answer().latency());
            if (value.isEmpty()) {
                missing++;
                broken.add(call.describe() + ": has no " + figure.label + " figure to check against the "
                        + (figure.minimum ? "minimum" : "budget") + " of " + figure.format(target.value())
                        + source(call));
                continue;
            }
            double v = value.getAsDouble();
            worst = worst == null ? v : figure.minimum ? Math.min(worst, v) : Math.max(worst, v);
            if (!figure.meets(v, target.value())) {
                broken.add(call.describe() + ": " + figure.label + " " + figure.format(v) + " is "
                        + (figure.minimum ? "under the minimum" : "over the budget") + " of "
                        + figure.format(target.value()) + source(call));
            }
        }
        boolean passed = missing == 0 && (worst == null || figure.meets(worst, target.value()));
        return new BudgetEntry.Figure(figure.key, target.value(), worst, missing, passed);
    }

    /** A percentile of the figure over the calls that have it; a call without the figure breaks the target. */
    private static BudgetEntry.Figure atPercentile(Target target, double percentile, List<LlmCall> calls,
                                                   List<String> broken) {
        Figure figure = target.figure();
        List<LlmCall> measured = calls.stream().filter(c -> figure.read.apply(c.answer().latency()).isPresent())
                .toList();
        int missing = calls.size() - measured.size();
        if (missing > 0) {
            broken.add(missing + " of " + calls.size() + " calls have no " + figure.label + " figure to check against "
                    + "the target of " + figure.format(target.value()) + " (" + calls.stream()
                    .filter(c -> !measured.contains(c)).limit(WORST).map(LlmCall::describe).toList() + ")");
        }
        if (measured.isEmpty()) {
            return new BudgetEntry.Figure(figure.key, target.value(), null, missing, false);
        }
        double[] values = measured.stream().mapToDouble(c -> value(figure, c)).toArray();
        // for speed the slow tail is judged: the value that all but the slowest (100 - p)% reach
        double observed = Percentiles.of(values, figure.minimum ? 100 - percentile : percentile);
        boolean met = figure.meets(observed, target.value());
        if (!met) {
            Comparator<LlmCall> worstFirst = Comparator.comparingDouble(c -> value(figure, c));
            List<String> worst = measured.stream().sorted(figure.minimum ? worstFirst : worstFirst.reversed())
                    .limit(WORST).map(c -> c.describe() + " " + figure.format(value(figure, c)) + source(c)).toList();
            broken.add(String.format(Locale.ROOT, "%s %s %s is %s %s (%s of %d calls must meet it); worst: %s",
                    "p" + trim(percentile), figure.label, figure.format(observed),
                    figure.minimum ? "under the minimum of" : "over the budget of", figure.format(target.value()),
                    trim(percentile) + "%", calls.size(), String.join(", ", worst)));
        }
        return new BudgetEntry.Figure(figure.key, target.value(), observed, missing, met && missing == 0);
    }

    private static boolean meetsAll(LlmCall call, List<Target> targets) {
        for (Target t : targets) {
            OptionalDouble value = t.figure().read.apply(call.answer().latency());
            if (value.isEmpty() || !t.figure().meets(value.getAsDouble(), t.value())) {
                return false;
            }
        }
        return true;
    }

    private static double value(Figure figure, LlmCall call) {
        return figure.read.apply(call.answer().latency()).orElseThrow();
    }

    private static String source(LlmCall call) {
        LlmAnswer answer = call.answer();
        return answer.replayed() ? " [recorded, not measured: " + answer.provenance() + "]" : " [measured live]";
    }

    private static List<Target> targets(LatencyBudget budget) {
        List<Target> targets = new ArrayList<>();
        duration(budget.total(), "total").ifPresent(d -> targets.add(new Target(Figure.TOTAL, d)));
        duration(budget.firstToken(), "firstToken").ifPresent(d -> targets.add(new Target(Figure.FIRST_TOKEN, d)));
        duration(budget.interToken(), "interToken").ifPresent(d -> targets.add(new Target(Figure.INTER_TOKEN, d)));
        double minSpeed = budget.minTokensPerSecond();
        if (minSpeed < 0 || Double.isNaN(minSpeed)) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `minTokensPerSecond` to be at least 0, "
                    + "but was " + minSpeed);
        }
        if (minSpeed > 0) {
            targets.add(new Target(Figure.SPEED, minSpeed));
        }
        return targets;
    }

    private static Optional<Double> duration(String value, String attribute) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            Duration d = Durations.parse(value);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("it must be positive");
            }
            return Optional.of(Durations.millis(d));
        } catch (IllegalArgumentException e) {
            throw new ExtensionConfigurationException("@LatencyBudget requires `" + attribute + "` to be a positive "
                    + "duration such as 2s or 500ms, but was '" + value + "': " + e.getMessage());
        }
    }

    private static OptionalDouble millis(Optional<Duration> value) {
        return value.map(d -> OptionalDouble.of(Durations.millis(d))).orElse(OptionalDouble.empty());
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((long) percentile)
                : String.format(Locale.ROOT, "%s", percentile);
    }

    private static String ordinal(double percentile) {
        String n = trim(percentile);
        if (n.endsWith("1") && !n.endsWith("11")) {
            return n + "st";
        }
        if (n.endsWith("2") && !n.endsWith("12")) {
            return n + "nd";
        }
        if (n.endsWith("3") && !n.endsWith("13")) {
            return n + "rd";
        }
        return n + "th";
    }
}
