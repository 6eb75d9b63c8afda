package io.github.llmtest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One fixture file: the recorded interactions of one test method. Thread-safe; every change is written at once
 * and atomically (a temporary file in the same directory, then a move), so a reader or a killed JVM sees either
 * the old file or the new one, never a part.
 */
final class FixtureFile {

    static final int FORMAT_VERSION = 1;
    static final String VERSION_FIELD = "llmtest_fixture_version";

    private final Path path;
    private final String testId;
    private final Map<String, Interaction> interactions;

    private FixtureFile(Path path, String testId, Map<String, Interaction> interactions) {
        this.path = path;
        this.testId = testId;
        this.interactions = interactions;
    }

    static FixtureFile empty(Path path, String testId) {
        return new FixtureFile(path, testId, new LinkedHashMap<>());
    }

    static FixtureFile load(Path path, String testId) {
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > Fixtures.MAX_BYTES) {
                throw corrupt(path, "it is " + size / (1024 * 1024) + " MB, more than the "
                        + Fixtures.MAX_BYTES / (1024 * 1024) + " MB a fixture file may hold");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return empty(path, testId);
        } catch (IOException e) {
            throw new FixtureException("Could not read the fixture file " + path + ": " + e, e);
        }
        return new FixtureFile(path, testId, parse(path, bytes));
    }

    private static Map<String, Interaction> parse(Path path, byte[] bytes) {
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            throw corrupt(path, "it is empty");
        }
        JsonNode root;
        try {
            root = Fixtures.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new FixtureException("The fixture file " + path + " is not valid JSON" + where + ": "
                    + e.getOriginalMessage() + ". It may be truncated or hold a merge conflict; fix it, or delete it "
                    + "and record the test again with -D" + LlmTest.MODE_PARAMETER + "=record.", e);
        } catch (IOException e) {
            throw new FixtureException("Could not read the fixture file " + path + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw corrupt(path, "its top level is not a JSON object");
        }
        JsonNode version = root.get(VERSION_FIELD);
        if (version == null || !version.canConvertToInt()) {
            throw corrupt(path, "it has no \"" + VERSION_FIELD + "\" number");
        }
        if (version.asInt() > FORMAT_VERSION) {
            throw new FixtureException("The fixture file " + path + " has format version " + version.asInt()
                    + ", written by a newer llmtest; this version reads format " + FORMAT_VERSION
                    + ". Upgrade llmtest, or record the test again with -D" + LlmTest.MODE_PARAMETER + "=record.");
        }
        if (version.asInt() < 1) {
            throw corrupt(path, "its \"" + VERSION_FIELD + "\" is " + version.asInt() + ", not a known format");
        }
        JsonNode list = root.get("interactions");
        if (list == null || !list.isArray()) {
            throw corrupt(path, "it has no \"interactions\" array");
        }
        Map<String, Interaction> interactions = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            try {
                Interaction interaction = Interaction.fromJson(list.get(i));
                interactions.put(interaction.key(), interaction);
            } catch (IllegalArgumentException e) {
                throw corrupt(path, "interaction #" + (i + 1) + " is unusable: " + e.getMessage());
            }
        }
        return interactions;
    }

    private static FixtureException corrupt(Path path, String problem) {
        return new FixtureException("The fixture file " + path + " cannot be used: " + problem + ". Fix it, or "
                + "delete it and record the test again with -D" + LlmTest.MODE_PARAMETER + "=record.");
    }

    Path path() {
        return path;
    }

    synchronized Optional<Interaction> find(String key) {
        return Optional.ofNullable(interactions.get(key));
    }

    synchronized List<Interaction> all() {
        return List.copyOf(interactions.values());
    }

    /** Adds or replaces an interaction and writes the file. */
    synchronized void record(Interaction interaction) {
        interactions.put(interaction.key(), interaction);
        write();
    }

    private void write() {
        ObjectNode root = Fixtures.MAPPER.createObjectNode();
        root.put(VERSION_FIELD, FORMAT_VERSION);
        root.put("test", testId);
        ArrayNode list = root.putArray("interactions");
        interactions.values().forEach(i -> list.add(i.toJson()));
        try {
            Files.createDirectories(path.getParent());
            Path temp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            try {
                byte[] bytes = (Fixtures.WRITER.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(bytes);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                try {
                    Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new FixtureException("Could not write the fixture file " + path + ": " + e
                    + ". Check that the directory is writable.", e);
        }
    }

    /** Finds the recorded request closest to {@code request}, with the fields it differs in. */
    synchronized Optional<String> closestDifference(JsonNode request) {
        List<String> best = null;
        for (Interaction interaction : interactions.values()) {
            List<String> diff = Canonical.differences(interaction.request(), request);
            if (best == null || diff.size() < best.size()) {
                best = diff;
            }
        }
        return best == null ? Optional.empty() : Optional.of(String.join(", ", new ArrayList<>(best)));
    }
}
