package io.github.llmtest.answer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads a table of test cases: one row per line, cells separated by " | ", lines starting with # ignored. */
final class CaseTable {

    /** One row with its line number, for messages that point back at the file. */
    record Row(int line, List<String> cells) {
    }

    private CaseTable() {
    }

    static List<Row> read(String resource, int columns) throws IOException {
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
                int first = line.indexOf(" | ");
                int last = line.lastIndexOf(" | ");
                if (first < 0 || columns == 3 && first == last) {
                    throw new IllegalStateException(resource + " line " + number + " needs " + columns + " columns");
                }
                rows.add(new Row(number, List.of(line.substring(0, first).strip(),
                        line.substring(first + 3, last), line.substring(last + 3).strip())));
            }
        }
        return rows;
    }
}
