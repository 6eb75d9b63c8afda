package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

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
    /** A failure message's line is cut at this length. */
    static final int MD_LINE = 300;
    static final int MD_COMPARED = 30;
    static final int MD_SAMPLED = 30;
    /** GitHub's limit for a comment's body. */
    static final int MD_MAX = 65_536;
    /** Room kept for the closing line saying what was left out. */
    static final int MD_RESERVE = 400;

    private Reports() {
    }

    static void write(Path directory, List<ReportedTest> tests) throws IOException {
        write(directory, tests, null);
    }

    /**
     * Writes the three files, report.json on a thread of its own while this one works out the digest and writes
     * the readable files: on a machine with two cores or more the end of a run waits for the longer of the two,
     * not for both. Each file is still written whole or not at all; when one fails, the others are still written,
     * and the failure thrown is report.json's if it failed (the readable files' kept as suppressed), else theirs.
     *
     * @param since the run against its baseline, or null without one
     */
    static void write(Path directory, List<ReportedTest> tests, SinceBaseline since) throws IOException {
        write(directory, tests, since, null);
    }

    /**
     * @param since the run against its baseline, or null without one
     * @param spool the calls written during the run, or null: report.json copies in the parts it holds
     */
    static void write(Path directory, List<ReportedTest> tests, SinceBaseline since, CallsSpool spool)
            throws IOException {
        Summary summary = Summary.of(tests);
        FutureTask<Void> json = new FutureTask<>(() -> {
            ReportFile.write(directory.resolve("report.json"), out -> json(tests, summary, since, spool, out));
            return null;
        });
        Thread jsonThread = new Thread(json, "llmtest-report-json");
        jsonThread.setDaemon(true);
        jsonThread.start();
        Throwable readable = null;
        try {
            Digest digest = Digest.of(tests, since, summary);
            ReportFile.write(directory.resolve("report.md"), out -> out.write(markdown(tests, digest)));
            ReportFile.write(directory.resolve("report.html"), out -> HtmlReport.render(tests, digest, out));
        } catch (IOException | RuntimeException | Error e) {
            readable = e;
        }
        Throwable failed = null;
        try {
            json.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed = new InterruptedIOException("interrupted while report.json was written");
        } catch (ExecutionException e) {
            failed = e.getCause();
        }
        failed = readable == null ? failed : first(failed, readable); // report.json's failure first, as written first
        if (failed instanceof IOException io) {
            throw io;
        } else if (failed instanceof RuntimeException runtime) {
            throw runtime;
        } else if (failed instanceof Error error) {
            throw error;
        } else if (failed != null) {
            throw new IOException(failed);
        }
    }

    /**
     * Runs the three writers over {@code tests} as {@link #write} does, one after the other, keeping nothing: the
     * classes are loaded and the JIT compiles the writers while the run goes on, so that the report written at its
     * end does not wait for them ({@link ReportWarmUp}).
     *
     * @param cancelled asked at every chunk; true stops the warm-up
     * @return the bytes report.json would hold
     */
    static long warmUp(List<ReportedTest> tests, java.util.function.BooleanSupplier cancelled) throws IOException {
        Summary summary = Summary.of(tests);
        long json = ReportFile.discard(Path.of("report.json"), cancelled, out -> json(tests, summary, null, out));
        Digest digest = Digest.of(tests, null, summary);
        ReportFile.discard(Path.of("report.md"), cancelled, out -> out.write(markdown(tests, digest)));
        ReportFile.discard(Path.of("report.html"), cancelled, out -> HtmlReport.render(tests, digest, out));
        return json;
    }

    /** The first failure, with the next one kept as suppressed. */
    private static Throwable first(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * What both readable reports show, worked out once over the run's calls.
     *
     * @param slowest the {@link HtmlReport#SLOWEST} slowest calls, slowest first
     * @param spent   what the run's priced calls cost
     */
    record Digest(Summary summary, Glance glance, List<Drift> drifts, List<ReportedCall> slowest,
                  ModelComparison comparison, SinceBaseline since, Spending spent) {

        static Digest of(List<ReportedTest> tests) {
            return of(tests, null);
        }

        /** @param since the run against its baseline, or null */
        static Digest of(List<ReportedTest> tests, SinceBaseline since) {
            return of(tests, since, Summary.of(tests));
        }

        static Digest of(List<ReportedTest> tests, SinceBaseline since, Summary summary) {
            return new Digest(summary, Glance.of(tests), Reports.drifts(tests),
                    Reports.slowest(tests, HtmlReport.SLOWEST),
                    ModelComparison.of(tests), since, Spending.sum(tests));
        }
    }

    /** Everything, one call at a time: the file is as large as the run, the memory it takes is not. */
    static void json(List<ReportedTest> tests, Summary counts, Writer writer) throws IOException {
        json(tests, counts, null, writer);
    }

    static void json(List<ReportedTest> tests, Summary counts, SinceBaseline since, Writer writer)
            throws IOException {
        json(tests, counts, since, null, writer);
    }

    /** @param spool the calls written during the run, copied in when {@code writer} is a report file; or null */
    static void json(List<ReportedTest> tests, Summary counts, SinceBaseline since, CallsSpool spool, Writer writer)
            throws IOException {
        try (JsonGenerator out = Jsons.prettyGenerator(writer)) {
            OneLineValues layout = new OneLineValues();
            out.setPrettyPrinter(layout);
            out.writeStartObject();
            out.writeNumberField("llmtest_report_version", 2);
            out.writeStringField("generated_at", Instant.now().toString());
            out.writeFieldName("summary");
            Jsons.writeTree(Jsons.object().put("tests", counts.tests()).put("calls", counts.calls())
                    .put("live", counts.live()).put("replayed", counts.replayed())
                    .put("failed_tests", counts.failedTests()).put("rerecorded", counts.rerecorded())
                    .put("drifted", counts.drifted()), out);
            Spending spent = Spending.sum(tests);
            if (spent.any()) {
                out.writeFieldName("cost");
                Jsons.writeTree(spent.toJson(), out);
            }
            ObjectNode datasets = Jsons.object();
            DatasetSections.json(tests, datasets);
            Pairwise.json(tests, datasets);
            if (since != null) {
                since.json(datasets);
            }
            for (Map.Entry<String, JsonNode> section : datasets.properties()) {
                out.writeFieldName(section.getKey());
                Jsons.writeTree(section.getValue(), out);
            }
            out.writeArrayFieldStart("tests");
            for (ReportedTest t : tests) {
                out.writeStartObject();
                out.writeStringField("id", t.uniqueId);
                out.writeStringField("name", t.name());
                out.writeStringField("display_name", t.displayName);
                out.writeStringField("status", t.status);
                out.writeStringField("failure", t.failure);
                if (t.transcript != null) {
                    out.writeStringField("transcript", t.transcript);
                }
                if (t.samples != null) {
                    out.writeFieldName("samples");
                    Jsons.writeTree(t.samples.toJson(), out);
                    out.writeStringField("verdict", t.verdict());
                }
                if (t.calls.size() > 1) {
                    out.writeFieldName("latency");
                    Jsons.writeTree(LatencyStats.of(t.calls).toJson(), out);
                }
                if (t.budget != null) {
                    out.writeFieldName("budget");
                    Jsons.writeTree(t.budget.toJson(), out);
                }
                if (t.dataset != null) {
                    out.writeFieldName("dataset");
                    Jsons.writeTree(t.dataset.toJson(), out);
                }
                Spending testSpent = Spending.of(t.calls);
                if (testSpent.any()) {
                    out.writeFieldName("cost");
                    Jsons.writeTree(testSpent.toJson(), out);
                }
                java.util.Optional<CallsSpool.Part> written = spool != null && writer instanceof ReportFile
                        ? spool.part(t) : java.util.Optional.empty();
                if (written.isPresent()) {
                    out.writeFieldName("calls");
                    out.writeRawValue(""); // the separator after the name; the array follows as written
                    out.flush();
                    spool.copy(written.get(), (ReportFile) writer);
                } else {
                    out.writeArrayFieldStart("calls");
                    for (ReportedCall c : t.calls) {
                        layout.nextOnOneLine();
                        c.writeJson(out);
                    }
                    out.writeEndArray();
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        }
        writer.write('\n');
    }

    /**
     * The report for a pull-request comment: sections in order of what a reviewer needs first, each list capped,
     * and the whole at most {@link #MD_MAX} characters. A section that does not fit is cut at a line and the
     * report ends saying what it left out.
     */
    static String markdown(List<ReportedTest> tests, Summary counts) {
        return markdown(tests, Digest.of(tests));
    }

    static String markdown(List<ReportedTest> tests, Digest digest) {
        Summary counts = digest.summary();
        StringBuilder out = new StringBuilder("## llmtest report\n\n").append(counts.sentence()).append("\n");
        Spending spent = digest.spent();
        if (spent.any()) {
            out.append('\n').append(spent.sentence()).append('\n');
        }
        List<String[]> sections = new ArrayList<>();
        section(sections, "failures", b -> failures(tests, b));
        if (digest.since() != null) {
            section(sections, "since the baseline", b -> digest.since().markdown(b));
        }
        section(sections, "answer drift", b -> drift(digest.drifts(), b));
        section(sections, "at a glance", b -> Glance.markdown(digest.glance(), b));
        section(sections, "slowest calls", b -> slowest(digest.slowest(), b));
        section(sections, "models side by side", b -> comparison(digest.comparison(), b));
        section(sections, "datasets", b -> DatasetSections.markdown(tests, b));
        section(sections, "models compared, pair by pair", b -> Pairwise.markdown(tests, b));
        section(sections, "samples and latency budgets", b -> samplesAndBudgets(tests, b));
        section(sections, "calls", b -> calls(tests, b));
        List<String> leftOut = new ArrayList<>();
        for (String[] section : sections) {
            String text = section[1];
            int room = MD_MAX - MD_RESERVE - out.length();
            if (!leftOut.isEmpty() || room <= 0) {
                leftOut.add(section[0]);
            } else if (text.length() <= room) {
                out.append(text);
            } else {
                int cut = text.lastIndexOf('\n', room - 1);
                out.append(text, 0, Math.max(cut + 1, 0));
                leftOut.add("the rest of " + section[0]);
            }
        }
        if (!leftOut.isEmpty()) {
            out.append("\n… report.md stops here to stay within a pull-request comment's ").append(MD_MAX)
                    .append(" characters: left out ").append(String.join(", ", leftOut))
                    .append(". report.html and report.json have them.\n");
        }
        return out.toString();
    }

    private static void section(List<String[]> sections, String name, java.util.function.Consumer<StringBuilder> body) {
        StringBuilder text = new StringBuilder();
        body.accept(text);
        if (!text.isEmpty()) {
            sections.add(new String[] {name, text.toString()});
        }
    }

    private static void failures(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> failed = tests.stream().filter(t -> t.failure != null && !t.passed()).toList();
        if (failed.isEmpty()) {
            return;
        }
        out.append("\n### Failures\n\n");
        for (ReportedTest t : failed.subList(0, Math.min(MD_FAILURES, failed.size()))) {
            List<String> lines = t.failure.lines().toList();
            out.append("- ❌ **").append(cell(t.name())).append("**")
                    .append(t.transcript == null ? "" : " ([transcript](" + t.transcript.replace(" ", "%20") + "))")
                    .append("\n\n  ```\n");
            lines.stream().limit(MD_FAILURE_LINES).forEach(l -> out.append("  ").append(Texts.clip(l, MD_LINE).replace("```", "'''"))
                    .append('\n'));
            if (lines.size() > MD_FAILURE_LINES) {
                out.append("  … ").append(lines.size() - MD_FAILURE_LINES).append(" more lines in report.html\n");
            }
            out.append("  ```\n");
        }
        more(out, failed.size() - MD_FAILURES, "failed test(s)");
    }

    private static void drift(List<Drift> drifts, StringBuilder out) {
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

    /** The {@code count} slowest calls of the run, slowest first, without sorting them all. */
    static List<ReportedCall> slowest(List<ReportedTest> tests, int count) {
        Comparator<ReportedCall> faster = Comparator.comparingDouble((ReportedCall c) -> c.figures().total());
        java.util.PriorityQueue<ReportedCall> kept = new java.util.PriorityQueue<>(faster);
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                kept.add(c);
                if (kept.size() > count) {
                    kept.poll();
                }
            }
        }
        List<ReportedCall> slowest = new ArrayList<>(kept);
        slowest.sort(faster.reversed());
        return slowest;
    }

    /** Every re-recorded call, those whose extracted answer changed first. */
    static List<Drift> drifts(List<ReportedTest> tests) {
        List<Drift> drifts = new ArrayList<>();
        tests.forEach(t -> t.calls.forEach(c -> Drift.of(c).ifPresent(drifts::add)));
        drifts.sort(Comparator.comparing((Drift d) -> !d.changed()));
        return drifts;
    }

    private static void slowest(List<ReportedCall> slowest, StringBuilder out) {
        List<ReportedCall> calls = slowest.subList(0, Math.min(MD_SLOW, slowest.size()));
        if (calls.isEmpty()) {
            return;
        }
        out.append("\n### Slowest calls\n\n| test | call | source | total | first token | inter-token | tokens/s |\n")
                .append("|---|---|---|---:|---:|---:|---:|\n");
        calls.forEach(c -> out.append("| ").append(cell(LlmReportListener.shortTest(c.test())))
                        .append(" | ").append(cell(c.label())).append(" | ").append(c.replayed() ? "recorded" : "live")
                        .append(" | ").append(duration(c.figures().totalMs())).append(" | ")
                        .append(duration(c.figures().firstTokenMs())).append(" | ")
                        .append(duration(c.figures().interTokenMs())).append(" | ")
                        .append(decimal(c.figures().tokensPerSecond())).append(" |\n"));
    }

    private static void comparison(ModelComparison comparison, StringBuilder out) {
        if (comparison.isEmpty()) {
            return;
        }
        out.append("\n### Models side by side\n");
        int rows = 0;
        int hidden = 0;
        for (ModelComparison.Table table : comparison.tables) {
            if (rows >= MD_COMPARED) {
                hidden += table.rows().size();
                continue;
            }
            out.append("\n| test |");
            table.models().forEach(m -> out.append(' ').append(cell(m)).append(" |"));
            out.append("\n|---|").append("---|".repeat(table.models().size())).append('\n');
            for (var row : table.rows().entrySet()) {
                if (rows++ >= MD_COMPARED) {
                    hidden++;
                    continue;
                }
                out.append("| ").append(cell(row.getKey())).append(" |");
                table.models().forEach(m -> out.append(' ')
                        .append(cell(ModelComparison.summary(row.getValue().get(m), table.priced()))).append(" |"));
                out.append('\n');
            }
        }
        more(out, hidden, "compared test(s)");
    }

    private static void samplesAndBudgets(List<ReportedTest> tests, StringBuilder out) {
        List<ReportedTest> sampled = tests.stream().filter(t -> t.samples != null || t.budget != null).toList();
        if (sampled.isEmpty()) {
            return;
        }
        out.append("\n### Samples and latency budgets\n\n| test | verdict | samples | latency | budget |\n")
                .append("|---|---|---|---|---|\n");
        for (ReportedTest t : sampled.subList(0, Math.min(MD_SAMPLED, sampled.size()))) {
            out.append("| ").append(cell(t.name())).append(" | ")
                    .append(t.verdict() == null ? (t.passed() ? "passed" : "failed") : t.verdict()).append(" | ")
                    .append(t.samples == null ? "–" : cell(t.samples.summary())).append(" | ")
                    .append(cell(latency(t))).append(" | ")
                    .append(t.budget == null ? "–" : cell(budget(t.budget))).append(" |\n");
        }
        more(out, sampled.size() - MD_SAMPLED, "sampled or budgeted test(s)");
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
        rows:
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                if (shown++ == MD_CALLS) {
                    break rows; // across tests: a run of many one-call tests stays at MD_CALLS rows too
                }
                String result = t.result(c);
                CallEntry.Figures f = c.figures();
                out.append("| ").append(ReportedTest.SUCCESSFUL.equals(result) ? "✅"
                                : ReportedTest.FAILED.equals(result) || ReportedTest.SAMPLE_FAILED.equals(result)
                                ? "❌" : "⚠️")
                        .append(" | ").append(cell(t.name()))
                        .append(" | ").append(cell(c.label()))
                        .append(" | ").append(cell(c.source()))
                        .append(" | ").append(cell(Texts.clip(c.extracted(), 120)))
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
