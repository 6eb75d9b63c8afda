package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.llmtest.Llm;
import io.github.llmtest.LlmTest;
import io.github.llmtest.fake.FakeOllama;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.github.llmtest.assertj.LlmAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The CI recipes name each failing test's transcript: their own shell lines, run on a real run's output. */
class CiTranscriptsTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

    @TempDir
    Path work;

    @LlmTest
    static class OffByOne {
        @org.junit.jupiter.api.Test
        void fibonacci(Llm llm) {
            assertThat(llm.ask("Find the 20th value")).boxedAnswer().isEqualTo("6765");
        }

        @org.junit.jupiter.api.Test
        void passes(Llm llm) {
            assertThat(llm.ask("Find the 20th value")).boxedAnswer().isEqualTo("6764");
        }
    }

    private Path project() throws Exception {
        Path reports;
        try (FakeOllama server = FakeOllama.start().answerWith(r -> "Hence \\boxed{6764}.")) {
            reports = ReportForReviewersTest.run(work, "live", server, OffByOne.class);
        }
        Path project = work.resolve("project");
        Files.createDirectories(project.resolve("target"));
        Files.move(reports, project.resolve("target/llmtest"));
        return project;
    }

    private static String transcript(Path project) throws Exception {
        try (var files = Files.list(project.resolve("target/llmtest/transcripts"))) {
            List<String> pages = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".html")).toList();
            assertThat(pages).as("the failing test's only").singleElement().asString()
                    .startsWith("CiTranscriptsTest.OffByOne.fibonacci-");
            return pages.get(0);
        }
    }

    @Test
    void theGithubJobSummaryNamesTheFailingTestsTranscriptAndItsUnzippedUploadTakesIt() throws Exception {
        Path project = project();
        String page = transcript(project);
        JsonNode replay = new YAMLMapper().readTree(ROOT.resolve("docs/ci/github-actions.yml").toFile())
                .path("jobs").path("replay");
        JsonNode step = null;
        JsonNode upload = null;
        for (JsonNode s : replay.path("steps")) {
            if (s.path("id").asText().equals("transcripts")) {
                step = s;
            } else if (s.path("with").path("archive").asText().equals("false")) {
                upload = s;
            }
        }
        assertThat(step).as("the step naming the transcripts").isNotNull();
        assertThat(step.path("if").asText()).isEqualTo("failure()");
        assertThat(upload).as("the unzipped upload").isNotNull();
        assertThat(upload.path("with").path("path").asText()).isEqualTo("${{ steps.transcripts.outputs.first }}");

        Path summary = work.resolve("summary.md");
        Path output = work.resolve("output.txt");
        ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-c", step.path("run").asText())
                .directory(project.toFile()).redirectErrorStream(true);
        bash.environment().put("RUNNER_TEMP", work.toString());
        bash.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        bash.environment().put("GITHUB_OUTPUT", output.toString());
        run(bash);

        assertThat(Files.readString(summary)).startsWith("### Transcripts of the failing tests\n")
                .endsWith("\n- `target/llmtest/transcripts/" + page + "`\n");
        assertThat(Files.readString(output)).isEqualTo("first=./target/llmtest/transcripts/" + page + "\n");
    }

    @Test
    void theGitlabJobLogNamesTheFailingTestsTranscript() throws Exception {
        Path project = project();
        String page = transcript(project);
        JsonNode job = new YAMLMapper().readTree(ROOT.resolve("docs/ci/gitlab-ci.yml").toFile()).path("llm-tests");
        String line = null;
        for (JsonNode l : job.path("after_script")) {
            if (l.asText().contains("transcripts")) {
                line = l.asText();
            }
        }
        assertThat(line).isNotNull();

        String log = run(new ProcessBuilder("sh", "-c", line).directory(project.toFile()).redirectErrorStream(true));

        assertThat(log).isEqualTo("transcript of a failing test -> target/llmtest/transcripts/" + page + "\n");
        assertThat(job.path("artifacts").path("paths").get(0).asText()).isEqualTo("target/llmtest/");
    }

    private static String run(ProcessBuilder builder) throws Exception {
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
