package io.github.llmtest;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The fixture files of one test run, one {@link FixtureFile} object per path so that every test writing to the
 * same file (parameterized, repeated, parallel) goes through one lock. Lives in the root store.
 */
final class Fixtures {

    /** Fixture files nest a handful of levels; anything deeper is corrupt or hostile. */
    static final int MAX_NESTING = 64;
    /** Large enough for thousands of long answers; a larger file is almost certainly a mistake. */
    static final long MAX_BYTES = 64L * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder().build();
    static final ObjectWriter WRITER;

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength((int) MAX_BYTES).build());
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        WRITER = MAPPER.writer(printer);
    }

    private final ConcurrentMap<Path, FixtureFile> files = new ConcurrentHashMap<>();

    /**
     * The file for a test, loaded on first use. In {@link LlmMode#RECORD} mode it starts empty, so that it ends the
     * run holding exactly this run's interactions.
     *
     * @throws FixtureException if the existing file cannot be read
     */
    FixtureFile file(Path path, String testId, LlmMode mode) {
        return files.computeIfAbsent(path, p -> mode == LlmMode.RECORD
                ? FixtureFile.empty(p, testId)
                : FixtureFile.load(p, testId));
    }
}
