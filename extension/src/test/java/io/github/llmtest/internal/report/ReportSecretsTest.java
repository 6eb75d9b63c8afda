package io.github.llmtest.internal.report;

import io.github.llmtest.internal.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A report that would hold a secret is not written, and the reason names the file and the secret. */
class ReportSecretsTest {

    @TempDir
    Path reports;

    static ReportedTest testWithPrompt(String prompt) {
        ReportedTest test = new ReportedTest("[engine:x]/[test:y]", "y()");
        test.calls.add(new ReportedCall(new CallEntry("com.example.T#y", 1, null, "ollama", "phi4", "live", false, null,
                "k", prompt, "answer", "stop", new CallEntry.Figures(1.0, null, null, null, null, null, null, null,
                null, null, null), false, null, null, "", null)));
        test.status = "SUCCESSFUL";
        return test;
    }

    @Test
    void aKnownSecretOrAnAuthorizationHeaderStopsTheReport() {
        Secrets.register("TEST_ONLY_KEY", "tk-report-secret-9981");

        assertThatThrownBy(() -> Reports.write(reports, List.of(testWithPrompt("key tk-report-secret-9981"))))
                .hasMessageContaining("refused to write " + reports.resolve("report.json"))
                .hasMessageContaining("it would hold TEST_ONLY_KEY");
        assertThatThrownBy(() -> Reports.write(reports, List.of(testWithPrompt(
                "curl -H 'Authorization: Bearer abcdefghijklmnop' …"))))
                .hasMessageContaining("an Authorization header with credentials");
        assertThat(reports.resolve("report.json")).doesNotExist();
    }
}
