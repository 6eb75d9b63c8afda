package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;
import org.junit.platform.engine.UniqueId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the report.json files of the shards of one run ({@code llmtest.shard}) into one report, written by the
 * same writers as a run's: each report's tests are read back as the listener had them (calls, extractions,
 * verdicts), put in one order whatever shard ran them (test classes by name; within a class, the order the shards
 * ran them in, a dataset's cases by their place in the dataset), and each dataset's gate judged again over all of
 * its cases. Not API: the entry point is {@code io.github.llmtest.MergeReports}.
 */
public final class ShardReports {

    /** The report format this version reads: the one {@link Reports} writes. */
    static final int VERSION = 2;

    /** Judges a dataset's gate on one model over every case of it, from the cases' entries. */
    @FunctionalInterface
    public interface GateJudge {
        /**
         * @param name  the dataset's name, as its verdicts say it
         * @param cases every case's entry, each carrying its shard's gate (and so the minimums)
         * @return the gate over all of them
         */
        DatasetEntry.Gate judge(String name, List<DatasetEntry> cases);
    }

    private ShardReports() {
    }

    /**
     * @param reports the shards' report.json files
     * @param directory where report.json, report.md and report.html are written
     * @param judge judges a dataset's gate over all of its cases
     * @return how many tests the merged report holds
     * @throws IOException when a report cannot be read or the merged one written
     * @throws IllegalArgumentException naming the file when a report is not one llmtest wrote
     */
    public static int merge(List<Path> reports, Path directory, GateJudge judge) throws IOException {
        Map<String, ReportedTest> tests = new LinkedHashMap<>();
        for (Path report : reports) {
            for (ReportedTest test : read(report)) {
                tests.putIfAbsent(test.uniqueId, test); // a class's own calls, made again on every shard: once
            }
        }
        List<ReportedTest> merged = ordered(new ArrayList<>(tests.values()));
        rejudge(merged, judge);
        Reports.write(directory, merged);
        return merged.size();
    }

    /** The tests of one report.json, as the listener held them. */
    static List<ReportedTest> read(Path report) throws IOException {
        JsonNode root = Jsons.read(Files.readAllBytes(report));
        if (root == null || !root.isObject() || root.path("llmtest_report_version").asInt() != VERSION
                || !root.path("tests").isArray()) {
            throw new IllegalArgumentException(report + " is not a run report of this llmtest version (format "
                    + VERSION + ", with a \"tests\" array); pass the report.json files the shards wrote");
        }
        List<ReportedTest> tests = new ArrayList<>();
        for (JsonNode node : root.path("tests")) {
            ReportedTest test = new ReportedTest(node.path("id").asText(), node.path("display_name").asText());
            test.status = node.path("status").asText(ReportedTest.SUCCESSFUL);
            test.failure = Jsons.text(node, "failure");
            test.transcript = Jsons.text(node, "transcript");
            if (node.path("samples").isObject()) {
                test.samples = SamplesEntry.fromJson(node.get("samples"));
            }
            if (node.path("budget").isObject()) {
                test.budget = BudgetEntry.fromJson(node.get("budget"));
            }
            if (node.path("dataset").isObject()) {
                test.dataset = DatasetEntry.fromJson(node.get("dataset"));
            }
            for (JsonNode call : node.path("calls")) {
                ReportedCall reported = new ReportedCall(CallEntry.fromJson(call));
                if (call.path("extracted").isArray()) {
                    Extraction.fromJson(call.get("extracted")).forEach(reported::addExtraction);
                }
                test.add(reported);
            }
            tests.add(test);
        }
        return tests;
    }

    /**
     * Classes by name; within a class, tests in the order the shards listed them (a class's tests other than a
     * dataset's cases all run on one shard), a dataset's cases by their invocation's number.
     */
    static List<ReportedTest> ordered(List<ReportedTest> tests) {
        Map<String, Integer> firstSeen = new HashMap<>();
        for (ReportedTest test : tests) {
            firstSeen.putIfAbsent(Place.of(test.uniqueId).test, firstSeen.size());
        }
        List<ReportedTest> sorted = new ArrayList<>(tests);
        sorted.sort(Comparator.comparing((ReportedTest t) -> Place.of(t.uniqueId).testClass)
                .thenComparing(t -> firstSeen.get(Place.of(t.uniqueId).test))
                .thenComparingInt(t -> Place.of(t.uniqueId).invocation));
        return sorted;
    }

    /** Each dataset's gate on each model, judged again over the cases of every shard. */
    private static void rejudge(List<ReportedTest> tests, GateJudge judge) {
        Map<List<String>, List<ReportedTest>> byGate = new LinkedHashMap<>();
        for (ReportedTest test : tests) {
            if (test.dataset != null) {
                DatasetEntry d = test.dataset;
                byGate.computeIfAbsent(List.of(d.dataset(), d.test(), d.model()), k -> new ArrayList<>()).add(test);
            }
        }
        byGate.values().forEach(cases -> {
            List<DatasetEntry> entries = cases.stream().map(t -> t.dataset).toList();
            String verdict = entries.get(0).gate().verdict();
            int colon = verdict.indexOf(": gate ");
            DatasetEntry.Gate gate = judge.judge(colon < 0 ? "" : verdict.substring(0, colon), entries);
            for (ReportedTest t : cases) {
                DatasetEntry d = t.dataset;
                t.dataset = new DatasetEntry(d.dataset(), d.test(), d.model(), d.caseId(), d.tags(), d.outcome(),
                        d.message(), d.question(), d.expected(), d.extracted(), gate);
            }
        });
    }

    /** Where a test sits in the plan, from its unique id. */
    private record Place(String testClass, String test, int invocation) {
        static Place of(String uniqueId) {
            String testClass = "";
            StringBuilder test = new StringBuilder();
            int invocation = 0;
            try {
                for (UniqueId.Segment segment : UniqueId.parse(uniqueId).getSegments()) {
                    if (segment.getType().equals("class") && testClass.isEmpty()) {
                        testClass = segment.getValue();
                    }
                    if (segment.getType().endsWith("-invocation") && segment.getValue().startsWith("#")) {
                        invocation = Integer.parseInt(segment.getValue().substring(1));
                    } else {
                        test.append('/').append(segment.getType()).append(':').append(segment.getValue());
                    }
                }
            } catch (RuntimeException e) {
                return new Place(uniqueId, uniqueId, 0);
            }
            return new Place(testClass, test.toString(), invocation);
        }
    }
}
