package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
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
 * The release recipe {@code docs/ci/github-release.yml}: it runs on version tags only, signs with the key from the
 * secrets, checks the bundle before the upload, and its release notes are the version's CHANGELOG section. The
 * workflow schema is checked by {@code .ci/run} (action-validator), the bundle check by {@code .ci/run} too.
 */
class ReleaseRecipeTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path RELEASE = ROOT.resolve("docs/ci/github-release.yml");

    @TempDir
    Path work;

    private static JsonNode job() throws IOException {
        JsonNode workflow = new YAMLMapper().readTree(RELEASE.toFile());
        assertThat(workflow.path("jobs").fieldNames()).toIterable().containsExactly("release");
        return workflow.path("jobs").path("release");
    }

    /** The names of the steps (or their {@code uses}) and their shell lines, in order. */
    private static List<String> steps(JsonNode job) {
        List<String> lines = new ArrayList<>();
        job.path("steps").forEach(step -> {
            lines.add("step: " + step.path("name").asText(step.path("uses").asText()));
            step.path("run").asText().lines().map(String::strip).forEach(lines::add);
        });
        return lines;
    }

    @Test
    void itRunsOnVersionTagsOnlyAndMayWriteOnlyTheRelease() throws IOException {
        JsonNode workflow = new YAMLMapper().readTree(RELEASE.toFile());
        assertThat(workflow.path("on").fieldNames()).toIterable().containsExactly("push");
        assertThat(workflow.path("on").path("push").path("tags").get(0).asText()).isEqualTo("v*");
        assertThat(workflow.path("on").path("push").has("branches")).isFalse();
        assertThat(workflow.path("permissions").path("contents").asText()).isEqualTo("read");
        JsonNode job = job();
        assertThat(job.path("permissions").path("contents").asText()).isEqualTo("write");
        assertThat(job.path("timeout-minutes").asInt()).isBetween(10, 60);
    }

    @Test
    void itSignsWithTheKeyFromTheSecretsAndRefusesToGoOnWithoutIt() throws IOException {
        JsonNode job = job();
        assertThat(job.path("env").path("MAVEN_GPG_KEY").asText()).isEqualTo("${{ secrets.MAVEN_GPG_KEY }}");
        assertThat(job.path("env").path("MAVEN_GPG_PASSPHRASE").asText())
                .isEqualTo("${{ secrets.MAVEN_GPG_PASSPHRASE }}");
        assertThat(steps(job)).containsSubsequence("step: Signing key present", "if [ -z \"$MAVEN_GPG_KEY\" ]; then");
        // the POM's signing profile is switched on by exactly this variable
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<name>env.MAVEN_GPG_KEY</name>");
    }

    @Test
    void itChecksTheBundleBeforeUploadingItAndCreatesTheReleaseLast() throws IOException {
        List<String> steps = steps(job());
        assertThat(steps).containsSubsequence(
                "mvn -B -Prelease deploy -DskipUpload=true $API_CHECK",
                "java .ci/check-bundle.java --release target/central-publishing/central-bundle.zip",
                "mvn -B -Prelease deploy -DskipTests -Dinvoker.skip -Djapicmp.skip",
                "step: GitHub release with the CHANGELOG section");
        assertThat(steps).anySatisfy(l -> assertThat(l).contains("-Djapicmp.ignoreMissingOldVersion=false"));
        assertThat(Files.exists(ROOT.resolve(".ci/check-bundle.java"))).isTrue();
        JsonNode upload = job().path("steps").findParents("run").stream()
                .filter(s -> s.path("run").asText().contains("-Djapicmp.skip")).findFirst().orElseThrow();
        assertThat(upload.path("env").path("CENTRAL_USERNAME").asText()).isEqualTo("${{ secrets.CENTRAL_USERNAME }}");
    }

    @Test
    void everyActionIsPinnedToACommitWithItsVersionBeside() throws IOException {
        List<String> uses = Files.readAllLines(RELEASE).stream().map(String::strip)
                .filter(l -> l.startsWith("uses:") || l.startsWith("- uses:")).toList();
        assertThat(uses).hasSize(2).allSatisfy(l -> assertThat(l)
                .matches("(- )?uses: [\\w.-]+/[\\w.-]+@[0-9a-f]{40} # v\\d+\\.\\d+\\.\\d+"));
    }

    @Test
    void theReleaseNotesAreTheVersionsChangelogSection() throws Exception {
        Files.writeString(work.resolve("CHANGELOG.md"), """
                # Changelog

                ## [Unreleased]
                - not yet

                ## [0.2.0] - 2027-01-04
                ### Added
                - the second thing

                ## [0.1.0] - 2026-12-10
                ### Added
                - the first thing
                """);
        assertThat(releaseNotes("0.2.0")).isEqualTo("### Added\n- the second thing\n\n");
        assertThat(releaseNotes("0.1.0")).isEqualTo("### Added\n- the first thing\n");
        assertThat(releaseNotes("0.2")).as("a version is matched whole").isEmpty();
    }

    /** Runs the recipe's own awk program on {@code CHANGELOG.md} in the work directory. */
    private String releaseNotes(String version) throws Exception {
        Matcher awk = Pattern.compile("awk -v heading=\"## \\[\\$version]\" '([^']+)'").matcher(Files.readString(RELEASE));
        assertThat(awk.find()).as("the release notes' awk program in %s", RELEASE).isTrue();
        Process process = new ProcessBuilder("awk", "-v", "heading=## [" + version + "]", awk.group(1), "CHANGELOG.md")
                .directory(work.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
