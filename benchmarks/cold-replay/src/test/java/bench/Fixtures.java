package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the fixture of {@link ReplayedTest}: one recording per question, in the shape llmtest records. */
final class Fixtures {

    static final int CALLS = 300;

    private Fixtures() {
    }

    static void write() throws IOException {
        Path file = Path.of(System.getProperty("llmtest.fixtures.dir"), ReplayedTest.class.getName(), "asks.json");
        Files.createDirectories(file.getParent());
        StringBuilder out = new StringBuilder("{\"llmtest_fixture_version\":1,\"interactions\":[");
        for (int i = 0; i < CALLS; i++) {
            out.append(i == 0 ? "" : ",").append("{\"origin\":\"hand-written\",\"recorded_at\":\"2026-11-29T10:00:00Z\","
                    + "\"request\":{\"endpoint\":\"/api/chat\",\"model\":\"phi4\",\"messages\":[{\"role\":\"user\","
                    + "\"content\":\"question ").append(i).append("\"}],\"options\":{\"num_ctx\":4096,\"seed\":42,"
                    + "\"temperature\":0},\"occurrence\":0},\"response\":{\"text\":\"Step by step, the answer to "
                    + "question ").append(i).append(" is \\\\boxed{").append(i).append("}.\",\"done_reason\":\"stop\"},"
                    + "\"metrics\":{\"total_duration\":4200000000,\"load_duration\":14000000,\"prompt_eval_count\":23,"
                    + "\"prompt_eval_duration\":60000000,\"eval_count\":120,\"eval_duration\":3900000000},"
                    + "\"client\":{\"wall_time_ms\":4210.5,\"first_token_ms\":180.2}}");
        }
        Files.writeString(file, out.append("]}").toString());
    }
}
