package io.github.llmtest.report;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Writes report.json, report.md and report.html, each atomically. */
final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reports() {
    }

    static void write(Path directory, List<ReportedTest> tests) throws IOException {
        Files.createDirectories(directory);
        writeAtomically(directory.resolve("report.json"), json(tests));
        writeAtomically(directory.resolve("report.md"), markdown(tests));
        writeAtomically(directory.resolve("report.html"), HtmlReport.render(tests, counts(tests)));
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Calls, live calls, replayed calls, failed tests. */
    static int[] counts(List<ReportedTest> tests) {
        int calls = 0;
        int replayed = 0;
        int failed = 0;
        for (ReportedTest t : tests) {
            calls += t.calls.size();
            replayed += (int) t.calls.stream().filter(ReportedCall::replayed).count();
            failed += "FAILED".equals(t.status) ? 1 : 0;
        }
        return new int[] {calls, calls - replayed, replayed, failed};
    }

    static String json(List<ReportedTest> tests) throws IOException {
        int[] counts = counts(tests);
        ObjectNode root = JSON.createObjectNode();
        root.put("llmtest_report_version", 1);
        root.put("generated_at", Instant.now().toString());
        ObjectNode summary = root.putObject("summary");
        summary.put("tests", tests.size()).put("calls", counts[0]).put("live", counts[1]).put("replayed", counts[2])
                .put("failed_tests", counts[3]);
        ArrayNode list = root.putArray("tests");
        for (ReportedTest t : tests) {
            ObjectNode node = list.addObject();
            node.put("id", t.uniqueId);
            node.put("name", t.name());
            node.put("display_name", t.displayName);
            node.put("status", t.status);
            node.put("failure", t.failure);
            if (t.samples != null) {
                node.set("samples", t.samples);
            }
            ArrayNode calls = node.putArray("calls");
            t.calls.forEach(c -> calls.add(c.json));
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        return JSON.writer(printer).writeValueAsString(root) + "\n";
    }

    static String markdown(List<ReportedTest> tests) {
        int[] counts = counts(tests);
        StringBuilder out = new StringBuilder("## llmtest report\n\n");
        out.append(String.format(Locale.ROOT, "%d LLM call(s) in %d test(s): %d live, %d replayed (figures as "
                + "recorded). %d test(s) failed.%n%n", counts[0], tests.size(), counts[1], counts[2], counts[3]));
        out.append("| | test | call | model | source | extracted | answer ends | total | first token | load | "
                + "prompt eval | generation | tokens | tokens/s |\n");
        out.append("|---|---|---|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ReportedTest t : tests) {
            for (ReportedCall c : t.calls) {
                String result = t.result(c);
                out.append("| ").append("SUCCESSFUL".equals(result) ? "✅"
                                : "FAILED".equals(result) || "SAMPLE_FAILED".equals(result) ? "❌" : "⚠️")
                        .append(" | ").append(cell(t.name()))
                        .append(" | ").append(c.index())
                        .append(" | ").append(cell(c.model()))
                        .append(" | ").append(cell(c.source()))
                        .append(" | ").append(cell(c.extracted()))
                        .append(" | ").append(cell(tail(c.answer(), 60)))
                        .append(" | ").append(seconds(c.figure("total_ms")))
                        .append(" | ").append(seconds(c.figure("first_token_ms")))
                        .append(" | ").append(seconds(c.figure("load_ms")))
                        .append(" | ").append(seconds(c.figure("prompt_eval_ms")))
                        .append(" | ").append(seconds(c.figure("eval_ms")))
                        .append(" | ").append(integer(c.figure("output_tokens")))
                        .append(" | ").append(decimal(c.figure("tokens_per_second")))
                        .append(" |\n");
            }
        }
        ModelComparison comparison = ModelComparison.of(tests);
        if (!comparison.isEmpty()) {
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
        List<ReportedTest> sampled = tests.stream().filter(t -> t.samples != null).toList();
        if (!sampled.isEmpty()) {
            out.append("\n### Samples\n\n");
            sampled.forEach(t -> out.append("- ").append(t.passed() ? "✅ " : "❌ ").append(cell(t.name())).append(": ")
                    .append(cell(t.samples.path("summary").asText())).append('\n'));
        }
        return out.toString();
    }

    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ")
                .replace("`", "\\`");
    }

    static String tail(String text, int max) {
        String oneLine = text.replace("\n", " ").strip();
        return oneLine.length() <= max ? oneLine : "…" + oneLine.substring(oneLine.length() - max);
    }

    static String seconds(OptionalDouble millis) {
        return millis.isPresent() ? String.format(Locale.ROOT, "%.2f s", millis.getAsDouble() / 1000) : "–";
    }

    static String integer(OptionalDouble value) {
        return value.isPresent() ? String.valueOf((long) value.getAsDouble()) : "–";
    }

    static String decimal(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "–";
    }
}
