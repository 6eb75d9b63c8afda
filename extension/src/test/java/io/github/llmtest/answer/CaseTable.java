package io.github.llmtest.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a table of test cases: one row per line, cells separated by " | ", lines starting with # ignored. A row may
 * end with " ‖ reason": a one-word source or reason for the case (kept apart from the cells).
 */
public final class CaseTable {

    /** One row with its line number, for messages that point back at the file, and its reason or null. */
    public record Row(int line, List<String> cells, String reason) {
    }

    static final String REASON = " ‖ ";

    private CaseTable() {
    }

    public static List<Row> read(String resource, int columns) throws IOException {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                CaseTable.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String reason = null;
                int marked = line.lastIndexOf(REASON);
                if (marked >= 0) {
                    reason = line.substring(marked + REASON.length()).strip();
                    line = line.substring(0, marked);
                    if (reason.isEmpty() || reason.contains(" ")) {
                        throw new IllegalStateException(resource + " line " + number + ": the reason after ‖ is one word");
                    }
                }
                int first = line.indexOf(" | ");
                int last = line.lastIndexOf(" | ");
                if (first < 0 || columns == 3 && first == last) {
                    throw new IllegalStateException(resource + " line " + number + " needs " + columns + " columns");
                }
                rows.add(new Row(number, List.of(line.substring(0, first).strip(),
                        line.substring(first + 3, last), line.substring(last + 3).strip()), reason));
            }
        }
        return rows;
    }
}
