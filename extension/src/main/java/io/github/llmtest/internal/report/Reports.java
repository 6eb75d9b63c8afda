package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.AtomicFiles;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Writes report.json, report.md and report.html, each atomically. */
final class Reports {

    private Reports() {
    }

    static void write(Path directory, List<ReportedTest> tests) throws IOException {
        Summary summary = Summary.of(tests);
        AtomicFiles.write(directory.resolve("report.json"), json(tests, summary));
        AtomicFiles.write(directory.resolve("report.md"), markdown(tests, summary));
        AtomicFiles.write(directory.resolve("report.html"), HtmlReport.render(tests, summary));
    }

    static String json(List<ReportedTest> tests, Summary counts) {
        ObjectNode root = Jsons.object();
        root.put("llmtest_report_version", 1);
        root.put("generated_at", Instant.now().toString());
        root.putObject("summary").put("tests", counts.tests()).put("calls", counts.calls())
                .put("live", counts.live()).put("replayed", counts.replayed()).put("failed_tests", counts.failedTests());
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
            }
            ArrayNode calls = node.putArray("calls");
            t.calls.forEach(c -> calls.add(c.toJson()));
        }
        return Jsons.pretty(root);
    }

    static String markdown(List<ReportedTest> tests, Summary counts) {
        StringBuilder out = new StringBuilder("## llmtest report\n\n");
        out.append(String.format(Locale.ROOT, "%d LLM call(s) in %d test(s): %d live, %d replayed (figures as "
                + "recorded). %d test(s) failed.%n%n", counts.calls(), counts.tests(), counts.live(),
                counts.replayed(), counts.failedTests()));
        out.append("| | test | call | model | source | extracted | answer ends | total | first token | load | "
                + "prompt eval | generation | tokens | tokens/s |\n");
        out.append("|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                String result = t.result(c);
                CallEntry.Figures f = c.figures();
                out.append("| ").append(ReportedTest.SUCCESSFUL.equals(result) ? "✅"
                                : ReportedTest.FAILED.equals(result) || ReportedTest.SAMPLE_FAILED.equals(result)
                                ? "❌" : "⚠️")
                        .append(" | ").append(cell(t.name()))
                        .append(" | ").append(c.index())
                        .append(" | ").append(cell(c.model()))
                        .append(" | ").append(cell(c.source()))
                        .append(" | ").append(cell(c.extracted()))
                        .append(" | ").append(cell(Texts.tailLine(c.entry.answer(), 60)))
                        .append(" | ").append(duration(f.totalMs()))
                        .append(" | ").append(duration(f.firstTokenMs()))
                        .append(" | ").append(duration(f.loadMs()))
                        .append(" | ").append(duration(f.promptEvalMs()))
                        .append(" | ").append(duration(f.evalMs()))
                        .append(" | ").append(integer(f.outputTokens()))
                        .append(" | ").append(decimal(f.tokensPerSecond()))
                        .append(" |\n");
            }
        }
        comparison(tests, out);
        List<ReportedTest> sampled = tests.stream().filter(t -> t.samples != null).toList();
        if (!sampled.isEmpty()) {
            out.append("\n### Samples\n\n");
            sampled.forEach(t -> out.append("- ").append(t.passed() ? "✅ " : "❌ ").append(cell(t.name())).append(": ")
                    .append(cell(t.samples.summary())).append('\n'));
        }
        return out.toString();
    }

    private static void comparison(List<ReportedTest> tests, StringBuilder out) {
        ModelComparison comparison = ModelComparison.of(tests);
        if (comparison.isEmpty()) {
            return;
        }
        out.append("\n### Models side by side\n\n| test |");
        comparison.models.forEach(m -> out.append(' ').append(cell(m)).append(" |"));
        out.append("\n|---|").append("---|".repeat(comparison.models.size())).append('\n');
        comparison.rows.forEach((test, cells) -> {
            out.append("| ").append(cell(test)).append(" |");
            comparison.models.forEach(m -> out.append(' ').append(cell(ModelComparison.summary(cells.get(m))))
                    .append(" |"));
            out.append('\n');
        });
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
}
