package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A suite run in four shards ({@code llmtest.shard}) runs each test and each dataset case on exactly one shard, and
 * the shards' reports merged by {@link MergeReports} equal the report of the suite run whole, timings aside.
 */
class ShardedRunTest {

    private static final Pattern SUM = Pattern.compile("What is (\\d+) \\+ (\\d+)\\?");

    @TempDir
    Path dir;

    @LlmTest
    static class Alpha {
        @org.junit.jupiter.api.Test
        void one(Llm llm) {
            assertThat(llm.ask("alpha one")).isNotNull();
        }

        @org.junit.jupiter.api.Test
        void two(Llm llm) {
            llm.ask("alpha two");
            llm.ask("alpha two again");
        }
    }

    @LlmTest
    static class Bravo {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("bravo");
        }
    }

    @LlmTest
    static class Charlie {
        @org.junit.jupiter.api.Test
        void failsOnPurpose(Llm llm) {
            assertThat(llm.ask("charlie").text()).isEqualTo("something else");
        }
    }

    @LlmTest
    static class Delta {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("delta");
        }
    }

    @LlmTest
    static class Echo {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("echo");
        }
    }

    @LlmTest
    static class Foxtrot {
        @LlmDataset("/datasets/twelve.jsonl")
        void solves(LlmCase c, Llm llm) {
            io.github.llmtest.assertj.LlmAssertions.assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
        }
    }

    @LlmTest
    static class Golf {
        @org.junit.jupiter.api.Test
        void asks(Llm llm) {
            llm.ask("golf");
        }
    }

    @LlmTest
    static class Hotel {
        @LlmDataset("/datasets/sums.jsonl")
        void adds(LlmCase c, Llm llm) {
            llm.ask(c.text("question"));
        }
    }

    private static final Class<?>[] SUITE = {Alpha.class, Bravo.class, Charlie.class, Delta.class, Echo.class,
            Foxtrot.class, Golf.class, Hotel.class};

    @Test
    void fourShardsRunDisjointCompletePartsWhoseMergedReportIsTheWholeRunsReport() throws Exception {
        try (FakeOllama server = FakeOllama.start().answerWith(ShardedRunTest::answer)) {
            Set<String> whole = run(server, null, dir.resolve("whole"));
            int wholeCalls = server.generations().size();
            server.clearRequests();

            List<Set<String>> shards = new ArrayList<>();
            List<Path> reports = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                shards.add(run(server, i + "/4", dir.resolve("artifacts/shard-" + i)));
                reports.add(dir.resolve("artifacts/shard-" + i));
            }

            assertThat(whole).as("the suite's tests and dataset cases").hasSizeGreaterThan(12);
            Set<String> union = new HashSet<>();
            for (Set<String> shard : shards) {
                assertThat(shard).as("every shard has work").isNotEmpty();
                for (String test : shard) {
                    assertThat(union.add(test)).as("%s runs on one shard only", test).isTrue();
                }
            }
            assertThat(union).as("together, the shards ran the whole suite").isEqualTo(whole);
            assertThat(server.generations()).as("the shards asked what the whole run asked").hasSize(wholeCalls);

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int status = MergeReports.run(List.of("--out", dir.resolve("merged").toString(),
                    dir.resolve("artifacts").toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
        }

        JsonNode merged = withoutTimings(Kit.read(dir.resolve("merged/report.json")));
        JsonNode unsharded = withoutTimings(Kit.read(dir.resolve("whole/report.json")));
        assertThat(merged.path("tests").size()).isEqualTo(unsharded.path("tests").size());
        assertThat(merged).isEqualTo(unsharded);
        assertThat(Files.readString(dir.resolve("merged/report.md"))).contains("failsOnPurpose");
        assertThat(Files.readString(dir.resolve("merged/report.html"))).contains("failsOnPurpose");
    }

    @Test
    void mergingSomethingThatIsNotAReportSaysWhatToPass() throws Exception {
        Path notAReport = Files.writeString(dir.resolve("report.json"), "{\"hello\": 1}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(MergeReports.run(List.of("--out", dir.resolve("m").toString(), notAReport.toString()), stream,
                stream)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(notAReport.toString())
                .contains("pass the report.json files the shards wrote");
        assertThat(MergeReports.run(List.of(dir.toString()), stream, stream)).as("no --out").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: MergeReports --out DIR REPORT...");
    }

    @Test
    void aMalformedShardStopsTheRunNamingTheSettingAndItsForm() {
        try (FakeOllama server = FakeOllama.start()) {
            String said;
            try {
                run(server, "5/4", dir.resolve("bad"));
                said = String.join("\n", problems);
            } catch (RuntimeException e) {
                java.io.StringWriter trace = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(trace));
                said = trace.toString();
            }
            assertThat(said).contains("llmtest.shard must be INDEX/COUNT with 1 <= INDEX <= COUNT, such as 2/4");
            assertThat(server.generations()).as("nothing ran").isEmpty();
        }
    }

    /** What the engines reported as failing containers in the last {@link #run}. */
    private final List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Runs the suite through the launcher as a build does (its filters and listeners), as one shard or whole. */
    private Set<String> run(FakeOllama server, String shard, Path reportDir) {
        String before = System.getProperty(LlmTest.SHARD_PARAMETER);
        if (shard == null) {
            System.clearProperty(LlmTest.SHARD_PARAMETER);
        } else {
            System.setProperty(LlmTest.SHARD_PARAMETER, shard);
        }
        Set<String> ran = ConcurrentHashMap.newKeySet();
        try {
            LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                    .configurationParameters(Map.of(LlmTest.URL_PARAMETER, server.url(), LlmTest.MODE_PARAMETER,
                            "live", LlmTest.REPORT_DIR_PARAMETER, reportDir.toString(),
                            LlmTest.FIXTURES_DIR_PARAMETER, dir.resolve("fixtures").toString()));
            for (Class<?> c : SUITE) {
                request.selectors(selectClass(c));
            }
            LauncherDiscoveryRequest built = request.build();
            LauncherFactory.create().execute(built, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        ran.add(test.getUniqueId());
                    }
                    result.getThrowable().ifPresent(t -> {
                        java.io.StringWriter trace = new java.io.StringWriter();
                        t.printStackTrace(new java.io.PrintWriter(trace));
                        problems.add(trace.toString());
                    });
                }
            });
        } finally {
            if (before == null) {
                System.clearProperty(LlmTest.SHARD_PARAMETER);
            } else {
                System.setProperty(LlmTest.SHARD_PARAMETER, before);
            }
        }
        return ran;
    }

    private static String answer(JsonNode request) {
        String prompt = request.path("messages").path(0).path("content").asText();
        Matcher sum = SUM.matcher(prompt);
        return sum.find() ? "The answer is " + (Integer.parseInt(sum.group(1)) + Integer.parseInt(sum.group(2)))
                : "an answer to " + prompt;
    }

    /** The report without what differs from run to run: times, speeds, when it was written. */
    private static JsonNode withoutTimings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.endsWith("_ms") || name.equals("tokens_per_second") || name.equals("generated_at")
                        || name.equals("latency")) {
                    fields.remove();
                } else {
                    withoutTimings(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(ShardedRunTest::withoutTimings);
        }
        return node;
    }
}
