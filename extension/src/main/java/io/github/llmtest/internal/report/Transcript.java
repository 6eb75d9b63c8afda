package io.github.llmtest.internal.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The transcript of one test invocation: every call it made (request, thinking, answer, tool calls, figures), what
 * assertions extracted from each answer (judge verdicts among them) and why the test failed. Built by the extension
 * from what the test's session already holds, written as a self-contained HTML page ({@link #html()}) and as JSON
 * ({@link #toJson()}) under {@code <report dir>/transcripts/}, and published to the run report under {@link #KEY}.
 *
 * @param test        the test, {@code com.example.MathTest#offByOne}
 * @param displayName JUnit's display name of the invocation
 * @param uniqueId    JUnit's unique id of the invocation
 * @param status      {@code failed} or {@code successful}
 * @param failure     why it failed (the message, cut at {@link LlmReportListener#MAX_FAILURE}), or null
 * @param calls       the calls in the order made, as the run report has them
 * @param extractions what assertions extracted, by call index
 */
public record Transcript(String test, String displayName, String uniqueId, String status, String failure,
                         List<CallEntry> calls, List<Extraction> extractions) {

    /** The report entry key under which a test's transcript (the HTML file's absolute path) is published. */
    public static final String KEY = "llmtest.transcript";
    /** The directory under the run report's directory that holds the transcripts. */
    public static final String DIRECTORY = "transcripts";
    /** The most an HTML transcript may weigh, in bytes: long texts are cut (and marked) to stay under it. */
    public static final int MAX_HTML_BYTES = 200_000;
    /** A file name keeps at most this many characters of the test's name, before its hash. */
    private static final int MAX_NAME = 100;
    /** Names Windows reserves for devices, whatever the extension. */
    private static final Set<String> RESERVED = Set.of("CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4",
            "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8",
            "LPT9");

    /**
     * Copies the lists and cuts a long failure message.
     *
     * @param test        the test
     * @param displayName the display name
     * @param uniqueId    the unique id
     * @param status      the status
     * @param failure     the failure or null
     * @param calls       the calls
     * @param extractions the extractions
     */
    public Transcript {
        calls = List.copyOf(calls);
        extractions = List.copyOf(extractions);
        failure = failure == null ? null : io.github.llmtest.internal.Texts.clip(failure.strip(),
                LlmReportListener.MAX_FAILURE);
    }

    /** @return whether the test failed */
    public boolean failed() {
        return failure != null;
    }

    /**
     * The directory of the transcripts of a run.
     *
     * @param reportDir the configured report directory ({@code llmtest.report.dir}), or null or blank for the default
     * @return {@code <report dir>/transcripts}, absolute
     */
    public static Path directory(String reportDir) {
        String dir = reportDir == null || reportDir.isBlank() ? LlmReportListener.DEFAULT_DIR : reportDir;
        return Path.of(dir).toAbsolutePath().normalize().resolve(DIRECTORY);
    }

    /**
     * The file name, without extension, of an invocation's transcript: the class's simple name, the method, the
     * invocation's display name for a test template (a model, a dataset case), then a hash of the unique id, so that
     * names are unique per invocation. Only letters, digits, {@code .}, {@code _} and {@code -}: safe on every
     * operating system and in a URL.
     *
     * @param test        {@code com.example.MathTest#offByOne}
     * @param displayName the invocation's display name
     * @param uniqueId    the invocation's unique id
     * @return for example {@code MathTest.offByOne-3f9a2c1d}
     */
    public static String baseName(String test, String displayName, String uniqueId) {
        int hash = test.indexOf('#');
        String type = hash < 0 ? test : test.substring(0, hash);
        StringBuilder name = new StringBuilder(type.substring(type.lastIndexOf('.') + 1).replace('$', '.'));
        if (hash >= 0) {
            name.append('.').append(test.substring(hash + 1));
        }
        if (uniqueId.contains("-invocation:")) {
            name.append('-').append(displayName);
        }
        String safe = name.toString().replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("_?([.-])_?", "$1")
                .replaceAll("^[._-]+", "");
        if (safe.length() > MAX_NAME) {
            safe = safe.substring(0, MAX_NAME);
        }
        safe = safe.replaceAll("[._-]+$", "");
        String device = safe.contains(".") ? safe.substring(0, safe.indexOf('.')) : safe;
        if (safe.isEmpty() || RESERVED.contains(device.toUpperCase(Locale.ROOT))) {
            safe = "_" + safe;
        }
        return safe + "-" + hash(uniqueId);
    }

    private static String hash(String uniqueId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(uniqueId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What assertions extracted from the answer of the call with this index, in order. */
    List<Extraction> extractedFrom(int call) {
        return extractions.stream().filter(e -> e.call() == call).toList();
    }

    /** @return the transcript as JSON: the test, its failure, and each call as report.json has it */
    public ObjectNode toJson() {
        ObjectNode node = Jsons.object().put("llmtest_transcript_version", 1).put("test", test)
                .put("display_name", displayName).put("unique_id", uniqueId).put("status", status);
        if (failure != null) {
            node.put("failure", failure);
        }
        ArrayNode all = node.putArray("calls");
        for (CallEntry call : calls) {
            ObjectNode json = call.toJson();
            List<Extraction> extracted = extractedFrom(call.call());
            if (!extracted.isEmpty()) {
                json.set("extracted", Extraction.toJson(extracted));
            }
            all.add(json);
        }
        return node;
    }

    /**
     * The transcript as one self-contained HTML page (no script, no style or font from elsewhere) of at most
     * {@link #MAX_HTML_BYTES} bytes: long texts are cut, and each cut says how much was left out.
     *
     * @param jsonName the name of the JSON file next to it, which the page names for what it cut
     * @return the page
     */
    public String html(String jsonName) {
        return TranscriptPage.render(this, jsonName);
    }
}
