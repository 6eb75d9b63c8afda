package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * report.json's calls written during a long run (from {@link ReportWarmUp#CALLS} calls on; the tests that finished
 * before are written at the end): when a test has finished, its {@code calls} array is written, as
 * report.json holds it, to a temporary file beside the report (checked for secrets chunk by chunk, as the report
 * is); at the end of the run report.json is written around those parts and copies each one in as bytes. So the end
 * of a run of thousands of calls writes only the tests' own fields, the summary and the readable files.
 *
 * <p>A test whose calls or extractions changed after its part was written (a call published late) is written
 * whole at the end, as is every test when writing a part failed: the report is the same either way. The
 * temporary file is deleted when the report has been written ({@link #close}).
 */
final class CallsSpool implements AutoCloseable {

    /** report.json's indentation of a call in a test's {@code calls} array, and of the array's end. */
    private static final String CALL_INDENT = "\n        ";
    private static final String END_INDENT = "\n      ";

    private final Path file;
    private final FileChannel channel;
    /** Writes to {@link #channel}, one buffer for every test. */
    private final ReportFile appender;
    private final Map<String, Part> parts = new ConcurrentHashMap<>();
    private volatile boolean failed;

    /**
     * Where a test's calls are in the file, and what the test held when they were written.
     *
     * @param position    the first byte
     * @param length      the bytes
     * @param calls       the test's calls then
     * @param extractions their extractions then
     */
    record Part(long position, long length, int calls, int extractions) {
    }

    private CallsSpool(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
        this.appender = ReportFile.appending(file, channel);
    }

    /**
     * A new, empty spool in {@code directory}, where report.json goes.
     *
     * @throws IOException when the temporary file cannot be created
     */
    static CallsSpool open(Path directory) throws IOException {
        Files.createDirectories(directory);
        removeLeftovers(directory);
        Path file = Files.createTempFile(directory, "report.json.", ".calls");
        return new CallsSpool(file, FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /**
     * Writes the calls of a test that has finished. Never throws: when writing fails, the spool is given up and
     * report.json written whole at the end, which reports the failure if it is the content's (a secret).
     */
    synchronized void add(ReportedTest test) {
        if (failed) {
            return;
        }
        List<ReportedCall> calls;
        synchronized (test.calls) {
            calls = List.copyOf(test.calls);
        }
        if (calls.isEmpty()) {
            return;
        }
        try {
            long position = channel.position();
            write(calls, appender);
            appender.push();
            parts.put(test.uniqueId, new Part(position, channel.position() - position, calls.size(),
                    extractions(calls)));
        } catch (IOException | RuntimeException e) {
            failed = true;
            parts.clear();
        }
    }

    /** The test's calls as report.json holds them after {@code "calls" : }. */
    static void write(List<ReportedCall> calls, java.io.Writer out) throws IOException {
        try (JsonGenerator json = Jsons.compactGenerator(out)) {
            json.writeRaw('[');
            for (int i = 0; i < calls.size(); i++) {
                json.writeRaw(i == 0 ? CALL_INDENT : "," + CALL_INDENT);
                calls.get(i).writeJson(json);
            }
            json.writeRaw(END_INDENT + "]");
        }
    }

    /** The part holding the test's calls, when they and their extractions are still the ones it holds. */
    Optional<Part> part(ReportedTest test) {
        Part part = failed ? null : parts.get(test.uniqueId);
        if (part == null) {
            return Optional.empty();
        }
        List<ReportedCall> calls;
        synchronized (test.calls) {
            calls = List.copyOf(test.calls);
        }
        return calls.size() == part.calls() && extractions(calls) == part.extractions() ? Optional.of(part)
                : Optional.empty();
    }

    /** Copies a part into report.json as it is being written. */
    void copy(Part part, ReportFile out) throws IOException {
        out.copy(channel, part.position(), part.length());
    }

    private static int extractions(List<ReportedCall> calls) {
        int count = 0;
        for (ReportedCall c : calls) {
            count += c.extractionCount();
        }
        return count;
    }

    /**
     * Deletes the spools an earlier run left when its JVM was killed before writing its report. A spool another JVM
     * still writes (two forks sharing the folder) is safe too: on Linux and macOS its open channel keeps the deleted
     * file readable, and Windows refuses to delete a file that is open, which is ignored here.
     */
    private static void removeLeftovers(Path directory) {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(directory, "report.json.*.calls")) {
            for (Path leftover : leftovers) {
                try {
                    Files.deleteIfExists(leftover);
                } catch (IOException e) {
                    // still open in another JVM (Windows): that JVM deletes it when its report is written
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: creating the spool beside them reports what is wrong
        }
    }

    /** Deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
