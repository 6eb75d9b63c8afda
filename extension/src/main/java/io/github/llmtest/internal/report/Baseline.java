package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.stats.Fisher;
import io.github.llmtest.internal.stats.Paired;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A previous run's {@code report.json} ({@code -Dllmtest.baseline=path}), read for what this run is compared with:
 * the verdict of every dataset case per test, dataset and model, and the pass rate of every {@code @Samples} test.
 * Read by the report (the "Since the baseline" section) and by {@code @LlmDataset}, which can fail the cases that
 * regressed ({@code llmtest.baseline.fail}).
 */
public final class Baseline {

    /** The baseline's verdicts of one dataset on one model: case id to passed, for the cases it judged. */
    record DatasetRun(String test, String dataset, String model, Map<String, Boolean> cases) {
    }

    /**
     * The pass rate of one {@code @Samples} test in the baseline.
     *
     * @param passed  samples that passed
     * @param samples samples run
     */
    record SampledRun(int passed, int samples) {
    }

    private final Path path;
    private final List<DatasetRun> datasets;
    private final Map<String, SampledRun> samples;

    private Baseline(Path path, List<DatasetRun> datasets, Map<String, SampledRun> samples) {
        this.path = path;
        this.datasets = List.copyOf(datasets);
        this.samples = Map.copyOf(samples);
    }

    /**
     * Reads a baseline.
     *
     * @param path a {@code report.json} an earlier llmtest run wrote
     * @return what it says
     * @throws IllegalArgumentException naming the file and the remedy when it is missing or not such a report
     */
    public static Baseline read(Path path) {
        JsonNode root;
        try {
            root = Jsons.read(Files.readString(path));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("llmtest.baseline=" + path + ": cannot read it (" + e
                    + "). Point it at a report.json an earlier run wrote (target/llmtest/report.json), or leave the "
                    + "setting out to run without a baseline.", e);
        }
        if (root == null || !root.has("llmtest_report_version")) {
            throw new IllegalArgumentException("llmtest.baseline=" + path + " is not an llmtest report.json (it has "
                    + "no \"llmtest_report_version\"). Point it at the report.json an earlier run wrote "
                    + "(target/llmtest/report.json).");
        }
        List<DatasetRun> datasets = new ArrayList<>();
        for (JsonNode d : root.path("datasets")) {
            for (JsonNode m : d.path("models")) {
                Map<String, Boolean> cases = new LinkedHashMap<>();
                for (JsonNode c : m.path("cases")) {
                    String outcome = c.path("outcome").asText();
                    if (!DatasetEntry.ABORTED.equals(outcome)) {
                        cases.put(c.path("case").asText(), DatasetEntry.PASSED.equals(outcome));
                    }
                }
                datasets.add(new DatasetRun(d.path("test").asText(), d.path("dataset").asText(),
                        m.path("model").asText(), cases));
            }
        }
        Map<String, SampledRun> sampled = new LinkedHashMap<>();
        for (JsonNode t : root.path("tests")) {
            JsonNode s = t.path("samples");
            if (s.isObject()) {
                sampled.putIfAbsent(t.path("name").asText(),
                        new SampledRun(s.path("passed").asInt(), s.path("samples").asInt()));
            }
        }
        return new Baseline(path, datasets, sampled);
    }

    /** @return the file it was read from */
    public Path path() {
        return path;
    }

    Optional<DatasetRun> dataset(String test, String dataset, String model) {
        return datasets.stream().filter(d -> d.test().equals(test) && d.dataset().equals(dataset)
                && d.model().equals(model)).findFirst();
    }

    Optional<SampledRun> sampled(String name) {
        return Optional.ofNullable(samples.get(name));
    }

    /**
     * This run's verdicts of one dataset on one model, against the baseline's.
     *
     * @param test    the test method, as {@code com.example.FooTest#solves}
     * @param dataset the dataset as the annotation names it
     * @param model   the model
     * @param now     case id to whether it passed, for the cases judged in this run
     * @return the comparison, or empty when the baseline has no such dataset and model
     */
    public Optional<Since> since(String test, String dataset, String model, Map<String, Boolean> now) {
        return dataset(test, dataset, model).map(d -> Since.of(d.cases(), now));
    }

    /**
     * A dataset on one model, since the baseline, over the cases both runs judged.
     *
     * @param beforePassed cases (of those both judged) that passed in the baseline
     * @param afterPassed  cases that pass now
     * @param common       cases both judged
     * @param regressed    ids of the cases that passed in the baseline and fail now
     * @param improved     ids of the cases that failed in the baseline and pass now
     * @param added        cases judged now that the baseline does not have
     * @param removed      cases the baseline judged that this run does not have
     * @param paired       the paired figures, the baseline first
     */
    public record Since(int beforePassed, int afterPassed, int common, List<String> regressed,
                        List<String> improved, int added, int removed, Paired paired) {

        /**
         * Copies the lists.
         *
         * @param beforePassed passed before
         * @param afterPassed  passed now
         * @param common       judged by both
         * @param regressed    passed then, fail now
         * @param improved     failed then, pass now
         * @param added        only now
         * @param removed      only then
         * @param paired       the figures
         */
        public Since {
            regressed = List.copyOf(regressed);
            improved = List.copyOf(improved);
        }

        static Since of(Map<String, Boolean> before, Map<String, Boolean> now) {
            int both = 0;
            int neither = 0;
            List<String> regressed = new ArrayList<>();
            List<String> improved = new ArrayList<>();
            for (Map.Entry<String, Boolean> e : now.entrySet()) {
                Boolean then = before.get(e.getKey());
                if (then == null) {
                    continue;
                }
                if (then && e.getValue()) {
                    both++;
                } else if (then) {
                    regressed.add(e.getKey());
                } else if (e.getValue()) {
                    improved.add(e.getKey());
                } else {
                    neither++;
                }
            }
            int common = both + neither + regressed.size() + improved.size();
            int added = now.size() - common;
            int removed = (int) before.keySet().stream().filter(id -> !now.containsKey(id)).count();
            return new Since(both + regressed.size(), both + improved.size(), common, regressed, improved, added,
                    removed, Paired.of(both, regressed.size(), improved.size(), neither));
        }

        /**
         * @param alpha the significance level
         * @return whether more cases regressed than improved and the exact McNemar p-value is below alpha
         */
        public boolean regressedSignificantly(double alpha) {
            return regressed.size() > improved.size() && paired.p() < alpha;
        }

        /**
         * The failure message of a significant regression.
         *
         * @param dataset  the dataset
         * @param model    the model
         * @param baseline the baseline file
         * @param alpha    the level
         * @return what regressed, by id, and the p-value
         */
        public String message(String dataset, String model, Path baseline, double alpha) {
            return String.format(Locale.ROOT, "@LlmDataset %s on %s regressed since the baseline %s: %d case(s) "
                    + "passed there and fail now (%s), %d the other way; accuracy %s → %s on the %d case(s) both "
                    + "judged; exact McNemar p = %s < llmtest.baseline.alpha = %s", dataset, model, baseline,
                    regressed.size(), String.join(", ", regressed), improved.size(),
                    DatasetSections.percent(paired.first()), DatasetSections.percent(paired.second()), common,
                    Pairwise.pValue(paired.p()), alpha);
        }
    }

    /**
     * Fisher's exact p-value for a pass rate against the baseline's (the samples are independent draws, not pairs).
     *
     * @param before the baseline's
     * @param passed samples that passed now
     * @param total  samples run now
     * @return the two-sided p-value
     */
    static double fisher(SampledRun before, int passed, int total) {
        return Fisher.exactP(before.passed(), before.samples() - before.passed(), passed, total - passed);
    }
}
