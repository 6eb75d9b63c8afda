package io.github.llmtest.internal.report;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The 10,000-call report as a reviewer's browser shows it: headless Chromium (Debian's {@code chromium}) loads the
 * page, runs it without a script error and shows the summary in the first screen. Skipped, with one line saying
 * so, where Chromium is not installed.
 */
@DisplayName("The 10,000-call report in a browser")
class ReportInBrowserTest {

    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    /** The summary box's background, {@code #ddf4ff}. */
    static final int SUMMARY_RGB = 0xddf4ff;

    @TempDir
    static Path work;
    static Path chromium;
    static Path page;

    @BeforeAll
    static void writeTheReport() throws IOException {
        chromium = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium), so the report is not "
                + "checked in a browser");
        Reports.write(work.resolve("large"), LargeRun.tests(ReportAtScaleTest.CALLS));
        page = work.resolve("large").resolve("report.html");
    }

    @Test
    void thePageLoadsWhole() throws Exception {
        Run run = chromium(page, "--dump-dom");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("<section id=\"summary\">").contains("id=\"glance-table\"")
                .contains("<p id=\"end\" class=\"note\">");
    }

    @Test
    void thePageRunsWithoutAScriptErrorAndShowsTheSummaryAboveTheFold() throws Exception {
        Path shot = work.resolve("report.png");

        Run run = chromium(page, "--screenshot=" + shot, "--window-size=" + WIDTH + "," + HEIGHT);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(consoleMessages(run)).as("console messages and script errors").isEmpty();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getHeight()).as("the screenshot is the first screen").isEqualTo(HEIGHT);
        int summaryPixels = 0;
        int lowest = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xffffff) == SUMMARY_RGB) {
                    summaryPixels++;
                    lowest = Math.max(lowest, y);
                }
            }
        }
        assertThat(summaryPixels).as("the summary box is drawn in the first screen").isGreaterThan(WIDTH * 40);
        assertThat(lowest).as("and ends in the upper half of it").isLessThan(HEIGHT / 2);
    }

    @Test
    void aScriptErrorWouldBeSeen() throws Exception {
        Path probe = work.resolve("probe.html");
        Files.writeString(probe, "<!DOCTYPE html><html><body><p>probe</p><script>throw new Error('llmtest probe');"
                + "</script></body></html>");

        Run run = chromium(probe, "--dump-dom");

        assertThat(consoleMessages(run)).as("the check above can fail").anyMatch(l -> l.contains("llmtest probe"));
    }

    /** The lines Chromium logs for the page's console: script errors and anything the page printed. */
    private static List<String> consoleMessages(Run run) {
        return run.stderr().lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private static Run chromium(Path file, String... action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "profile");
        Path stdout = work.resolve("stdout-" + profile.getFileName());
        Path stderr = work.resolve("stderr-" + profile.getFileName());
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(action));
        command.add(file.toUri().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DBUS_SESSION_BUS_ADDRESS", "disabled:");
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }
}
