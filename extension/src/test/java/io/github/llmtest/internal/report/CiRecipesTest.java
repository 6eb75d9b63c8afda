package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;

/**
 * The CI recipes in {@code docs/ci}, read as a user would copy them: they parse, pin what they use, run the guide's
 * commands, and the pull request description they build from the run report holds its failures and drift. The
 * GitHub workflow is also checked against the workflow schema by {@code .ci/run} (action-validator).
 */
class CiRecipesTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path GITHUB = ROOT.resolve("docs/ci/github-actions.yml");
    private static final Path GITLAB = ROOT.resolve("docs/ci/gitlab-ci.yml");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String REPLAY = "mvn -B verify";
    private static final String RECORD = "mvn -B verify -Dllmtest.mode=record -Dmaven.test.failure.ignore=true";

    @TempDir
    Path work;

    private static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** Every shell line the jobs run, in order ({@code run:} steps or {@code script:} entries). */
    private static List<String> commands(JsonNode job, String field) {
        List<String> lines = new ArrayList<>();
        job.path(field).forEach(step -> (step.isTextual() ? step : step.path("run")).asText().lines()
                .map(String::strip).forEach(lines::add));
        return lines;
    }

    @Test
    void theGithubWorkflowReplaysOnPushAndPullRequestAndReRecordsOnScheduleOrByHand() throws IOException {
        JsonNode workflow = read(GITHUB);
        assertThat(workflow.path("on").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("push", "pull_request", "schedule", "workflow_dispatch");
        JsonNode jobs = workflow.path("jobs");
        assertThat(jobs.fieldNames()).toIterable().containsExactly("replay", "rerecord-ollama", "rerecord-openai",
                "rerecord-shards", "merge-shards");
        jobs.forEach(job -> assertThat(job.path("timeout-minutes").asInt()).isPositive());
        assertThat(jobs.path("replay").path("timeout-minutes").asInt()).isLessThanOrEqualTo(30);
        assertThat(jobs.path("rerecord-ollama").path("timeout-minutes").asInt()).as("a 14B model on a CPU")
                .isBetween(180, 360);

        JsonNode replay = jobs.path("replay");
        assertThat(replay.path("if").asText()).contains("push").contains("pull_request").doesNotContain("schedule");
        assertThat(commands(replay, "steps")).contains(REPLAY)
                .anySatisfy(l -> assertThat(l).contains("target/llmtest/report.md").contains("$GITHUB_STEP_SUMMARY"));
        assertThat(uses(replay, "mikepenz/action-junit-report").path("with").path("report_paths").asText())
                .isEqualTo("**/target/surefire-reports/TEST-*.xml");
        assertThat(uses(replay, "actions/upload-artifact").path("with").path("path").asText())
                .isEqualTo("**/target/llmtest/");
        assertThat(replay.path("permissions").path("checks").asText()).isEqualTo("write");
    }

    @Test
    void theGithubLiveJobsRunOllamaAsAServiceCacheItsModelsRecordAndOpenAPullRequest() throws IOException {
        JsonNode jobs = read(GITHUB).path("jobs");
        JsonNode ollama = jobs.path("rerecord-ollama");
        assertThat(ollama.path("if").asText()).contains("schedule").contains("workflow_dispatch");
        JsonNode service = ollama.path("services").path("ollama");
        assertThat(service.path("image").asText()).matches("ollama/ollama:\\d+\\.\\d+\\.\\d+");
        assertThat(service.path("ports").get(0).asText()).isEqualTo("11434:11434");
        String volume = service.path("volumes").get(0).asText();
        assertThat(volume).endsWith(":/root/.ollama");
        String hostDir = volume.substring(0, volume.indexOf(':'));
        assertThat(uses(ollama, "actions/cache").path("with").path("path").asText()).startsWith(hostDir + "/");
        assertThat(commands(ollama, "steps")).contains(RECORD)
                .anySatisfy(l -> assertThat(l).contains("http://127.0.0.1:11434/api/pull"));

        JsonNode openAi = jobs.path("rerecord-openai");
        assertThat(openAi.path("services").isMissingNode()).isTrue();
        assertThat(openAi.path("env").path("OPENAI_API_KEY").asText()).isEqualTo("${{ secrets.OPENAI_API_KEY }}");
        assertThat(commands(openAi, "steps")).contains(RECORD);
        for (JsonNode job : List.of(ollama, openAi)) {
            JsonNode pr = uses(job, "peter-evans/create-pull-request").path("with");
            assertThat(pr.path("add-paths").asText()).isEqualTo("**/src/test/resources/llm-fixtures/**");
            assertThat(pr.path("body-path").asText()).endsWith("/drift.md");
            assertThat(job.path("permissions").path("pull-requests").asText()).isEqualTo("write");
        }
        assertThat(ollama.path("if").asText() + openAi.path("if").asText()).as("one live job per run")
                .contains("vars.LLMTEST_OPENAI_MODEL == ''").contains("vars.LLMTEST_OPENAI_MODEL != ''");
    }

    @Test
    void everyGithubActionIsPinnedToACommitWithItsVersionBeside() throws IOException {
        List<String> uses = Files.readAllLines(GITHUB).stream().map(String::strip)
                .filter(l -> l.startsWith("uses:") || l.startsWith("- uses:")).toList();
        assertThat(uses).hasSizeGreaterThanOrEqualTo(10).allSatisfy(l -> assertThat(l)
                .matches("(- )?uses: [\\w.-]+/[\\w.-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+"));
        // one version per action across the file
        assertThat(uses.stream().map(l -> l.replaceFirst("^(- )?uses: ", "")).distinct()
                .map(l -> l.substring(0, l.indexOf('@'))).toList()).doesNotHaveDuplicates();
    }

    @Test
    void theGitlabPipelineReplaysOnEveryChangeAndReRecordsOnScheduleWithOllamaAsAService() throws IOException {
        JsonNode pipeline = read(GITLAB);
        JsonNode replay = pipeline.path("llm-tests");
        assertThat(commands(replay, "script")).containsExactly(REPLAY);
        assertThat(replay.path("timeout").asText()).isEqualTo("20m");
        assertThat(replay.path("artifacts").path("reports").path("junit").get(0).asText())
                .isEqualTo("target/surefire-reports/TEST-*.xml");
        assertThat(replay.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(replay.path("artifacts").path("paths").get(0).asText()).isEqualTo("target/llmtest/");
        assertThat(commands(replay, "after_script")).anySatisfy(l -> assertThat(l).contains("target/llmtest/report.md"));
        assertThat(replay.path("rules").get(0).path("if").asText()).contains("schedule");
        assertThat(replay.path("rules").get(0).path("when").asText()).isEqualTo("never");

        JsonNode live = pipeline.path("rerecord-ollama");
        assertThat(live.path("extends").asText()).isEqualTo(".rerecord");
        assertThat(live.path("rules").get(0).path("if").asText()).contains("schedule").contains("web");
        JsonNode service = live.path("services").get(0);
        assertThat(service.path("name").asText()).matches("ollama/ollama:\\d+\\.\\d+\\.\\d+");
        assertThat(service.path("variables").path("OLLAMA_HOST").asText()).as("the server binds in its container")
                .isEqualTo("0.0.0.0:11434");
        assertThat(live.path("variables").path("OLLAMA_HOST").asText())
                .isEqualTo("http://" + service.path("alias").asText() + ":11434");
        assertThat(live.path("variables").path("OLLAMA_MODELS").asText()).isEqualTo("$CI_PROJECT_DIR/.ollama/models");
        assertThat(live.path("cache").get(1).path("paths").get(0).asText()).isEqualTo(".ollama/models");
        assertThat(live.path("timeout").asText()).isEqualTo("5h");
        assertThat(commands(pipeline.path(".rerecord"), "script")).contains(RECORD);
        assertThat(commands(pipeline.path(".merge-request"), "script"))
                .anySatisfy(l -> assertThat(l).contains("/merge_requests"));
        assertThat(pipeline.path("rerecord-openai").path("variables").path("LLMTEST_MODEL").asText())
                .isEqualTo("$LLMTEST_OPENAI_MODEL");
    }

    @Test
    void theGithubShardedJobRecordsAQuarterOnEachOfFourMachinesThenMergesIntoOneReportAndPullRequest()
            throws IOException {
        JsonNode jobs = read(GITHUB).path("jobs");
        JsonNode shards = jobs.path("rerecord-shards");
        assertThat(shards.path("strategy").path("matrix").path("shard")).extracting(JsonNode::asInt)
                .containsExactly(1, 2, 3, 4);
        assertThat(shards.path("env").path("LLMTEST_SHARD").asText()).isEqualTo("${{ matrix.shard }}/4");
        assertThat(commands(shards, "steps")).contains(RECORD);
        assertThat(uses(shards, "actions/upload-artifact").path("with").path("name").asText())
                .isEqualTo("llmtest-shard-${{ matrix.shard }}");
        assertThat(jobs.path("rerecord-ollama").path("if").asText() + shards.path("if").asText())
                .as("the single-machine job or the sharded one").contains("vars.LLMTEST_SHARDED != 'true'")
                .contains("vars.LLMTEST_SHARDED == 'true'");

        JsonNode merge = jobs.path("merge-shards");
        assertThat(merge.path("needs").asText()).isEqualTo("rerecord-shards");
        assertThat(commands(merge, "steps"))
                .anySatisfy(l -> assertThat(l).contains("gh run download").contains("llmtest-shard-*"))
                .anySatisfy(l -> assertThat(l).contains("io.github.llmtest.MergeReports"))
                .anySatisfy(l -> assertThat(l).startsWith("--fixtures src/test/resources/llm-fixtures"))
                .anySatisfy(l -> assertThat(l).startsWith("--out target/llmtest"));
        assertThat(uses(merge, "peter-evans/create-pull-request").path("with").path("body-path").asText())
                .endsWith("/drift.md");
    }

    @Test
    void theGitlabShardedJobRunsFourParallelShardsThenMerges() throws IOException {
        JsonNode pipeline = read(GITLAB);
        JsonNode shards = pipeline.path("rerecord-shards");
        assertThat(shards.path("parallel").asInt()).isEqualTo(4);
        assertThat(shards.path("variables").path("LLMTEST_SHARD").asText()).isEqualTo("$CI_NODE_INDEX/$CI_NODE_TOTAL");
        assertThat(commands(shards, "script")).contains(RECORD);
        JsonNode merge = pipeline.path("merge-shards");
        assertThat(merge.path("needs").get(0).path("job").asText()).isEqualTo("rerecord-shards");
        assertThat(commands(merge, "script"))
                .anySatisfy(l -> assertThat(l).contains("io.github.llmtest.MergeReports --out target/llmtest shards"));
    }

    @Test
    void theMavenCommandsTheRecipesRunAreTheGuides() throws IOException {
        String guide = Files.readString(ROOT.resolve("docs/guide/07-ci.md"));
        List<String> mvn = new ArrayList<>();
        for (Path recipe : List.of(GITHUB, GITLAB)) {
            Files.readAllLines(recipe).stream().map(String::strip).map(l -> l.replaceFirst("^(- )?(run: )?", ""))
                    .filter(l -> l.startsWith("mvn ")).forEach(mvn::add);
        }
        assertThat(mvn).contains(REPLAY, RECORD).allSatisfy(c -> assertThat(guide).containsAnyOf("`" + c + "`",
                "\n" + c + "\n"));
        assertThat(guide).contains("(../ci/github-actions.yml)").contains("(../ci/gitlab-ci.yml)");
    }

    @LlmTest
    static class Drifting {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            assertThat(llm.ask("Find the 20th value")).boxedAnswer().isEqualTo("6765");
        }
    }

    @Test
    void thePullRequestDescriptionIsTheRunReportsFailuresAndDrift() throws Exception {
        try (FakeOllama before = FakeOllama.start().answerWith(r -> "So it is \\boxed{6765}.")) {
            ReportForReviewersTest.run(work, "record", before, Drifting.class);
        }
        Path reports;
        try (FakeOllama after = FakeOllama.start().answerWith(r -> "Hence \\boxed{6764}.")) {
            reports = ReportForReviewersTest.run(work, "record", after, Drifting.class);
        }
        Path project = work.resolve("project");
        Files.createDirectories(project.resolve("target"));
        Files.move(reports, project.resolve("target/llmtest"));

        for (Path recipe : List.of(GITHUB, GITLAB)) {
            String description = runAwkOf(recipe, project);
            assertThat(description).as("from %s", recipe.getFileName()).startsWith("## llmtest report\n")
                    .contains("1 test(s) failed").contains("### Failures").contains("expected: \"6765\"")
                    .contains("### Answer drift").contains("boxed answer 6765 → 6764")
                    .doesNotContain("### Calls").doesNotContain("### Slowest calls");
        }
    }

    /** Runs the recipe's own awk program (the pull request description) on the report in {@code project}. */
    private static String runAwkOf(Path recipe, Path project) throws Exception {
        Matcher awk = Pattern.compile("awk '([^']+)'").matcher(Files.readString(recipe));
        assertThat(awk.find()).as("an awk program in %s", recipe).isTrue();
        Process process = new ProcessBuilder("awk", awk.group(1), "target/llmtest/report.md").directory(project.toFile())
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    private static JsonNode uses(JsonNode job, String action) {
        for (JsonNode step : job.path("steps")) {
            if (step.path("uses").asText().startsWith(action + "@")) {
                return step;
            }
        }
        throw new AssertionError("no step uses " + action + " in " + job);
    }
}
