package io.github.llmtest;

import io.github.llmtest.internal.fixture.ShardFixtures;
import io.github.llmtest.internal.report.DatasetEntry;
import io.github.llmtest.internal.report.ShardReports;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Merges the run reports of a suite run in shards ({@code -Dllmtest.shard=1/4} ... {@code 4/4}, one machine each)
 * into one report.json, report.md and report.html, as one run of every shard would have written them (timings
 * aside). Run it on the shards' downloaded report directories, with the extension's jar and its dependencies on the
 * class path:
 *
 * <pre>{@code
 * java -cp "$(cat target/classpath.txt)" io.github.llmtest.MergeReports --out target/llmtest shard-1 shard-2 shard-3 shard-4
 * }</pre>
 *
 * <p>Each argument after {@code --out DIR} is a report.json or a directory searched for report.json files. A
 * dataset split across the shards gets its gate judged again over all of its cases; the tests are listed by class
 * name. After a sharded recording, {@code MergeReports --fixtures src/test/resources/llm-fixtures shard-1/llm-fixtures
 * ...} merges the shards' fixture directories into the project's: a dataset split across shards has a file from
 * each, and of each request the latest recording wins.
 */
public final class MergeReports {

    private MergeReports() {
    }

    /**
     * The command: {@code MergeReports --out DIR REPORT...}; exits with 1 when the reports cannot be merged and 2
     * on a misuse, saying why.
     *
     * @param args {@code --out}, the directory to write, then report.json files or directories holding them
     */
    public static void main(String... args) {
        int status = run(List.of(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Merges shard reports into one.
     *
     * @param reports   report.json files, or directories searched for them
     * @param directory where report.json, report.md and report.html are written
     * @return how many tests the merged report holds
     * @throws IOException              when a report cannot be read or the merged one written
     * @throws IllegalArgumentException naming the file when a report is not one llmtest wrote, or none was found
     */
    public static int merge(List<Path> reports, Path directory) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path report : reports) {
            if (Files.isDirectory(report)) {
                try (Stream<Path> found = Files.walk(report)) {
                    found.filter(f -> f.getFileName().toString().equals("report.json") && Files.isRegularFile(f)
                            && !f.toAbsolutePath().normalize().startsWith(directory.toAbsolutePath().normalize()))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(report)) {
                files.add(report);
            } else {
                throw new IllegalArgumentException(report + " does not exist; pass the shards' report.json files "
                        + "or the directories they were downloaded to");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No report.json found in " + reports + "; pass the shards' report "
                    + "directories (each run writes target/llmtest/report.json)");
        }
        return ShardReports.merge(files, directory, MergeReports::judge);
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean fixtures = !args.isEmpty() && args.get(0).equals("--fixtures");
        if (args.size() < 3 || !(args.get(0).equals("--out") || fixtures)) {
            err.println("Usage: MergeReports --out DIR REPORT...\n  REPORT: a shard's report.json, or a directory "
                    + "holding shards' report.json files (downloaded CI artifacts)\n"
                    + "   or: MergeReports --fixtures FIXTURE_DIR SHARD_FIXTURE_DIR...\n  merges the fixture "
                    + "directories the shards of a recording wrote into FIXTURE_DIR, the latest recording of each "
                    + "request winning");
            return 2;
        }
        Path directory = Path.of(args.get(1));
        List<Path> inputs = args.subList(2, args.size()).stream().map(Path::of).toList();
        try {
            if (fixtures) {
                int files = ShardFixtures.merge(directory, inputs);
                out.println("[llmtest] merged " + files + " fixture file(s) into " + directory);
            } else {
                int tests = merge(inputs, directory);
                out.println("[llmtest] merged " + tests + " test(s) into " + directory.resolve("report.html"));
            }
            return 0;
        } catch (IOException | UncheckedIOException | IllegalArgumentException | FixtureException e) {
            err.println("[llmtest] could not merge the " + (fixtures ? "fixtures" : "reports") + ": "
                    + e.getMessage());
            return 1;
        }
    }

    /** The gate over every case, judged as one run judges it (a shard judged only its own share). */
    private static DatasetEntry.Gate judge(String name, List<DatasetEntry> cases) {
        DatasetEntry.Gate first = cases.get(0).gate();
        double min = first.overall().min();
        double minPerTag = first.perTag().isEmpty() ? 0 : first.perTag().get(0).min();
        List<DatasetGate.Result> results = new ArrayList<>();
        for (DatasetEntry c : cases) {
            if (c.outcome().equals(DatasetEntry.ABORTED)) {
                continue;
            }
            boolean passed = c.outcome().equals(DatasetEntry.PASSED);
            results.add(new DatasetGate.Result(c.caseId(), c.tags(), passed,
                    passed ? null : new AssertionError(c.message() == null ? c.outcome() : c.message())));
        }
        return DatasetGate.judge(results, min, minPerTag).entry(name);
    }
}
