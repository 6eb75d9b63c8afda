package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.AtomicFiles;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Secrets;
import io.github.llmtest.internal.Texts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Writes report.json (every figure), report.md (short enough for a pull-request comment: failures, drift and slow
 * calls first, every list capped) and report.html (everything, readable), each atomically.
 */
final class Reports {

    static final int MD_FAILURES = 10;
    static final int MD_FAILURE_LINES = 12;
    static final int MD_DRIFT = 10;
    static final int MD_SLOW = 5;
    static final int MD_CALLS = 25;

    private Reports() {
    }

    static void write(Path directory, List<ReportedTest> tests) throws IOException {
        Summary summary = Summary.of(tests);
        writeChecked(directory.resolve("report.json"), json(tests, summary));
        writeChecked(directory.resolve("report.md"), markdown(tests, summary));
        writeChecked(directory.resolve("report.html"), HtmlReport.render(tests, summary));
    }

    /** Writes a report file unless it would hold a secret. */
    private static void writeChecked(Path file, String content) throws IOException {
        List<String> secrets = Secrets.found(content);
        if (!secrets.isEmpty()) {
            throw new IOException("refused to write " + file + ": it would hold " + String.join(" and ", secrets)
                    + ", and a secret never goes into a report");
        }
        AtomicFiles.write(file, content);
    }

    static String json(List<ReportedTest> tests, Summary counts) {
        ObjectNode root = Jsons.object();
        root.put("llmtest_report_version", 2);
        root.put("generated_at", Instant.now().toString());
        root.putObject("summary").put("tests", counts.tests()).put("calls", counts.calls())
                .put("live", counts.live()).put("replayed", counts.replayed()).put("failed_tests", counts.failedTests())
                .put("rerecorded", counts.rerecorded()).put("drifted", counts.drifted());
        DatasetSections.json(tests, root);
        ArrayNode list = root.putArray("tests");
        for (ReportedTest t : tests) {
            ObjectNode node = list.addObject();
            node.put("id", t.uniqueId);
            node.put("name", t.name());
            node.put("display_name", t.displayName);
            node.put("status", t.status);
            node.put("failure", t.failure);
            if (t.samples != null) {
                node.set("samples", t.samples.toJson());
                node.put("verdict", t.verdict());
            }
            if (t.calls.size() > 1) {
                node.set("latency", LatencyStats.of(t.calls).toJson());
            }
            if (t.budget != null) {
                node.set("budget", t.budget.toJson());
            }
            if (t.dataset != null) {
                node.set("dataset", t.dataset.toJson());
            }
            ArrayNode calls = node.putArray("calls");
            t.calls.forEach(c -> calls.add(c.toJson()));
        }
        return Jsons.pretty(root);
    }

    static String markdown(List<ReportedTest> tests, Summary counts) {
        StringBuilder out = new StringBuilder("## llmtest report\n\n").append(counts.sentence()).append("\n");
        failures(tests, out);
        drift(tests, out);
        slowest(tests, out);
        comparison(tests, out);
        DatasetSections.markdown(tests, out);
        samplesAndBudgets(tests, out);
        calls(tests, out);
        return out.toString();
    }

    private static void failures(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> failed = tests.stream().filter(t -> t.failure != null && !t.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("\n### Failures\n\n");
        for (ReportedTest t : failed.subList(0, Math.min(MD_FAILURES, failed.size()))) {
            List<String> lines = t.failure.lines().toList();
            out.append("- ❌ **").append(cell(t.name())).append("**\n\n  ```\n");
            lines.stream().limit(MD_FAILURE_LINES).forEach(l -> out.append("  ").append(l.replace("```", "'''"))
                    .append('\n'));
            if (lines.size() > MD_FAILURE_LINES) {
                out.append("  … ").append(lines.size() - MD_FAILURE_LINES).append(" more lines in report.html\n");
            }
            out.append("  ```\n");
        }
        more(out, failed.size() - MD_FAILURES, "failed test(s)");
    }

    private static void drift(List<ReportedTest> tests, StringBuilder out) {
        List<Drift> drifts = drifts(tests);
        if (drifts.isEmpty()) {
            return;
        }
        out.append("\n### Answer drift\n\nRecordings made in this run next to the answers they replaced.\n\n")
                .append("| | test | call | before → after | request changed |\n|---|---|---|---|---|\n");
        for (Drift d : drifts.subList(0, Math.min(MD_DRIFT, drifts.size()))) {
            out.append("| ").append(d.changed() ? "⚠️ changed" : "✅ same").append(" | ")
                    .append(cell(LlmReportListener.shortTest(d.call().test()))).append(" | ")
                    .append(cell(d.call().label())).append(" | ").append(cell(d.summary())).append(" | ")
                    .append(cell(d.call().entry.previous().requestChanged().isEmpty() ? "same request"
                            : String.join(", ", d.call().entry.previous().requestChanged()))).append(" |\n");
        }
        more(out, drifts.size() - MD_DRIFT, "drifted call(s)");
    }

    /** Every re-recorded call, those whose extracted answer changed first. */
    static List<Drift> drifts(List<ReportedTest> tests) {
        List<Drift> drifts = new ArrayList<>();
        tests.forEach(t -> t.calls.forEach(c -> Drift.of(c).ifPresent(drifts::add)));
        drifts.sort(Comparator.comparing((Drift d) -> !d.changed()));
        return drifts;
    }

    private static void slowest(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedCall> calls = new ArrayList<>();
        tests.forEach(t -> calls.addAll(t.calls));
        if (calls.isEmpty()) {
            return;
        }
        out.append("\n### Slowest calls\n\n| test | call | source | total | first token | inter-token | tokens/s |\n")
                .append("|---|---|---|---:|---:|---:|---:|\n");
        calls.stream().sorted(Comparator.comparingDouble((ReportedCall c) -> c.figures().total()).reversed())
                .limit(MD_SLOW).forEach(c -> out.append("| ").append(cell(LlmReportListener.shortTest(c.test())))
                        .append(" | ").append(cell(c.label())).append(" | ").append(c.replayed() ? "recorded" : "live")
                        .append(" | ").append(duration(c.figures().totalMs())).append(" | ")
                        .append(duration(c.figures().firstTokenMs())).append(" | ")
                        .append(duration(c.figures().interTokenMs())).append(" | ")
                        .append(decimal(c.figures().tokensPerSecond())).append(" |\n"));
    }

    private static void comparison(List<ReportedTest> tests, StringBuilder out) {
        ModelComparison comparison = ModelComparison.of(tests);
        if (comparison.isEmpty()) {
            return;
        }
        out.append("\n### Models side by side\n");
        for (ModelComparison.Table table : comparison.tables) {
            out.append("\n| test |");
            table.models().forEach(m -> out.append(' ').append(cell(m)).append(" |"));
            out.append("\n|---|").append("---|".repeat(table.models().size())).append('\n');
            table.rows().forEach((test, cells) -> {
                out.append("| ").append(cell(test)).append(" |");
                table.models().forEach(m -> out.append(' ').append(cell(ModelComparison.summary(cells.get(m))))
                        .append(" |"));
                out.append('\n');
            });
        }
    }

    private static void samplesAndBudgets(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> sampled = tests.stream().filter(t -> t.samples != null || t.budget != null).toList();
        if (sampled.isEmpty()) {
            return;
        }
        out.append("\n### Samples and latency budgets\n\n| test | verdict | samples | latency | budget |\n")
                .append("|---|---|---|---|---|\n");
        for (ReportedTest t : sampled) {
            out.append("| ").append(cell(t.name())).append(" | ")
                    .append(t.verdict() == null ? (t.passed() ? "passed" : "failed") : t.verdict()).append(" | ")
                    .append(t.samples == null ? "–" : cell(t.samples.summary())).append(" | ")
                    .append(cell(latency(t))).append(" | ")
                    .append(t.budget == null ? "–" : cell(budget(t.budget))).append(" |\n");
        }
    }

    /** "held at p95: total p95 4.10 s ≤ 20 s …; goodput 90% (9 of 10), at least 80%". */
    static String budget(BudgetEntry b) {
        List<String> parts = new ArrayList<>();
        for (BudgetEntry.Figure f : b.figures()) {
            boolean speed = f.name().equals("tokens_per_second");
            String value = f.observed() == null ? "none" : speed ? decimal(f.observed()) + " tokens/s"
                    : duration(f.observed());
            String target = speed ? decimal(f.target()) + " tokens/s" : duration(f.target());
            parts.add(label(f.name()) + " " + value + (f.passed() ? (speed ? " ≥ " : " ≤ ")
                    : (speed ? " < " : " > ")) + target + (f.missing() > 0 ? " (" + f.missing() + " without)" : ""));
        }
        String scope = b.percentile() == 100 ? "every call" : "p" + trim(b.percentile());
        return (b.passed() ? "held" : "broken") + " (" + scope + "): " + String.join(", ", parts)
                + String.format(Locale.ROOT, "; goodput %.0f%% (%d of %d)", b.goodput() * 100, b.met(), b.calls())
                + (b.minGoodput() > 0 ? String.format(Locale.ROOT, ", at least %.0f%%", b.minGoodput() * 100) : "");
    }

    private static String label(String figure) {
        return switch (figure) {
            case "first_token" -> "first token";
            case "inter_token" -> "inter-token";
            case "tokens_per_second" -> "speed";
            default -> figure;
        };
    }

    /** The latency distribution of a test with several calls, else a dash. */
    static String latency(ReportedTest t) {
        if (t.calls.size() < 2) {
            return "–";
        }
        long replayed = t.calls.stream().filter(ReportedCall::replayed).count();
        String source = replayed == 0 ? "measured: " : replayed == t.calls.size() ? "recorded: "
                : "measured and recorded: ";
        return source + LatencyStats.of(t.calls).summary();
    }

    private static void calls(List<ReportedTest> tests, StringBuilder out) {
        int total = tests.stream().mapToInt(t -> t.calls.size()).sum();
        out.append("\n### Calls\n\n| | test | call | source | extracted | answer ends | total | first token | "
                + "inter-token | tokens | tokens/s |\n|---|---|---|---|---|---|---:|---:|---:|---:|---:|\n");
        int shown = 0;
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                if (shown++ == MD_CALLS) {
                    break;
                }
                String result = t.result(c);
                CallEntry.Figures f = c.figures();
                out.append("| ").append(ReportedTest.SUCCESSFUL.equals(result) ? "✅"
                                : ReportedTest.FAILED.equals(result) || ReportedTest.SAMPLE_FAILED.equals(result)
                                ? "❌" : "⚠️")
                        .append(" | ").append(cell(t.name()))
                        .append(" | ").append(cell(c.label()))
                        .append(" | ").append(cell(c.source()))
                        .append(" | ").append(cell(c.extracted()))
                        .append(" | ").append(cell(c.answerLine(60)))
                        .append(" | ").append(duration(f.totalMs()))
                        .append(" | ").append(duration(f.firstTokenMs()))
                        .append(" | ").append(duration(f.interTokenMs()))
                        .append(" | ").append(integer(f.outputTokens()))
                        .append(" | ").append(decimal(f.tokensPerSecond()))
                        .append(" |\n");
            }
        }
        more(out, total - MD_CALLS, "call(s): see report.html or report.json");
    }

    private static void more(StringBuilder out, int hidden, String what) {
        if (hidden > 0) {
            out.append("\n… and ").append(hidden).append(" more ").append(what).append(".\n");
        }
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ")
                .replace("`", "\\`");
    }

    /** A time in milliseconds as the one duration format, or a dash when unknown. */
    static String duration(Double millis) {
        return millis == null ? "–" : Durations.formatMillis(millis);
    }

    static String integer(Integer value) {
        return value == null ? "–" : String.valueOf(value);
    }

    static String decimal(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String trim(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile);
    }
}
