package io.github.llmtest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the cases of an {@link LlmDataset}, chosen by the file's extension: JSON Lines ({@code .jsonl},
 * {@code .ndjson}), CSV with a header row ({@code .csv}) or YAML, a list of maps ({@code .yaml}, {@code .yml}).
 * Everything wrong with a dataset is found here, before any call, and named with the file and line.
 */
final class DatasetFile {

    /**
     * A dataset as read.
     *
     * @param location the resource or file, as the annotation names it
     * @param name     the file's name, for messages and the report
     * @param cases    the cases, in the file's order
     */
    record Dataset(String location, String name, List<LlmCase> cases) {
    }

    /** One case before its id is checked: the fields and the line it starts on. */
    private record Raw(ObjectNode fields, int line, int row) {
    }

    private DatasetFile() {
    }

    /**
     * @param location  a classpath resource ({@code /datasets/x.jsonl}) or a file path
     * @param testClass the class whose class loader finds resources
     * @return the dataset
     * @throws DatasetException naming the file and line of the first problem
     */
    static Dataset read(String location, Class<?> testClass) {
        if (location.isBlank()) {
            throw new DatasetException("@LlmDataset requires `value` to name a dataset, such as "
                    + "\"/datasets/word-problems.jsonl\", but it was blank");
        }
        String name = location.substring(location.replace('\\', '/').lastIndexOf('/') + 1);
        String lower = name.toLowerCase(Locale.ROOT);
        boolean csv = lower.endsWith(".csv");
        boolean jsonLines = lower.endsWith(".jsonl") || lower.endsWith(".ndjson");
        if (!csv && !jsonLines && !lower.endsWith(".yaml") && !lower.endsWith(".yml")) {
            throw new DatasetException("@LlmDataset cannot read \"" + location + "\": its extension is none of .jsonl, "
                    + ".ndjson, .csv, .yaml, .yml, which say whether it is JSON Lines, CSV with a header row or YAML");
        }
        byte[] bytes = bytes(location, testClass);
        List<Raw> raws = jsonLines ? jsonLines(bytes, name) : csv ? csv(bytes, name) : yaml(bytes, name);
        if (raws.isEmpty()) {
            throw new DatasetException(name + ": the dataset has no cases; add at least one, or remove the test");
        }
        return new Dataset(location, name, cases(raws, name, csv));
    }

    private static byte[] bytes(String location, Class<?> testClass) {
        URL resource = testClass.getResource(location.startsWith("/") ? location : "/" + location);
        try {
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    return in.readAllBytes();
                }
            }
            Path file = Path.of(location);
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
        } catch (IOException | RuntimeException e) {
            throw new DatasetException("@LlmDataset cannot read \"" + location + "\": " + e.getMessage(), e);
        }
        throw new DatasetException("@LlmDataset finds no dataset \"" + location + "\": it is neither a resource on the "
                + "test class path (put it under src/test/resources" + (location.startsWith("/") ? location
                : "/" + location) + ") nor a file (relative to " + Path.of("").toAbsolutePath() + ")");
    }

    private static List<Raw> jsonLines(byte[] bytes, String name) {
        List<Raw> raws = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = i == 0 && lines[i].startsWith("\uFEFF") ? lines[i].substring(1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = Jsons.read(line);
            } catch (JsonProcessingException e) {
                throw new DatasetException(name + ":" + (i + 1) + ": not a JSON object: " + e.getOriginalMessage());
            }
            if (!node.isObject()) {
                throw new DatasetException(name + ":" + (i + 1) + ": each line must be one JSON object (a case), "
                        + "but this one is " + node.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            raws.add(new Raw((ObjectNode) node, i + 1, i + 1));
        }
        return raws;
    }

    private static List<Raw> csv(byte[] bytes, String name) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.FAIL_ON_MISSING_COLUMNS);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Raw> raws = new ArrayList<>();
        int row = 0;
        int line = 2;
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class).with(schema)
                .readValues(bytes)) {
            while (true) {
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line = rows.getParser().currentLocation().getLineNr();
                    Map<String, String> cells = rows.nextValue();
                    row++;
                    ObjectNode fields = Jsons.object();
                    cells.forEach((k, v) -> fields.set(k, TextNode.valueOf(v)));
                    raws.add(new Raw(fields, line, row));
                } catch (IOException | RuntimeException e) {
                    throw new DatasetException(name + ":" + lineOf(e, line) + ": " + csvProblem(e, row + 1));
                }
            }
        } catch (IOException e) {
            throw new DatasetException(name + ":1: " + csvProblem(e, 0));
        }
        return raws;
    }

    private static int lineOf(Throwable e, int fallback) {
        if (e instanceof JsonProcessingException j && j.getLocation() != null && j.getLocation().getLineNr() > 0) {
            return j.getLocation().getLineNr();
        }
        return fallback;
    }

    private static String csvProblem(Throwable e, int row) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        return "CSV row " + row + " does not fit the header: " + message + " (every row needs one cell per "
                + "header column; quote cells that hold commas)";
    }

    private static List<Raw> yaml(byte[] bytes, String name) {
        ObjectMapper mapper = new YAMLMapper();
        List<Raw> raws = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(bytes)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return raws;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new DatasetException(name + ":" + line(parser.currentLocation()) + ": a YAML dataset is a "
                        + "list of maps (each item starting with \"- \"), but this is not a list");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int line = line(parser.currentLocation());
                JsonNode item = mapper.readTree(parser);
                if (item == null || !item.isObject()) {
                    throw new DatasetException(name + ":" + line + ": each item of the list must be a map (a case), "
                            + "but this one is " + (item == null ? "empty"
                            : item.getNodeType().name().toLowerCase(Locale.ROOT)));
                }
                raws.add(new Raw((ObjectNode) item, line, raws.size() + 1));
            }
        } catch (JsonProcessingException e) {
            throw new DatasetException(name + ":" + lineOf(e, 1) + ": not readable YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DatasetException(name + ": not readable: " + e.getMessage(), e);
        }
        return raws;
    }

    private static int line(JsonLocation location) {
        return Math.max(1, location.getLineNr());
    }

    private static List<LlmCase> cases(List<Raw> raws, String name, boolean csv) {
        Map<String, Integer> seen = new HashMap<>();
        List<LlmCase> cases = new ArrayList<>();
        for (Raw raw : raws) {
            String where = name + ":" + raw.line();
            JsonNode idNode = raw.fields().get("id");
            String id;
            if (idNode == null || idNode.isNull() || idNode.asText().isBlank()) {
                id = String.valueOf(csv ? raw.row() : raw.line());
            } else if (idNode.isValueNode()) {
                id = idNode.asText().strip();
            } else {
                throw new DatasetException(where + ": \"id\" must be text or a number, but was " + idNode);
            }
            Integer first = seen.putIfAbsent(id, raw.line());
            if (first != null) {
                throw new DatasetException(where + ": duplicate id \"" + id + "\" (first at line " + first + "); "
                        + "every case needs its own id, since it names the case's test and its recordings");
            }
            cases.add(new LlmCase(id, raw.fields(), tags(raw.fields().get("tags"), where), where));
        }
        return List.copyOf(cases);
    }

    private static List<String> tags(JsonNode node, String where) {
        List<String> tags = new ArrayList<>();
        if (node == null || node.isNull()) {
            return tags;
        }
        if (node.isTextual()) {
            for (String tag : node.asText().split(";")) {
                if (!tag.isBlank()) {
                    tags.add(tag.strip());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode tag : (ArrayNode) node) {
                if (!tag.isValueNode() || tag.asText().isBlank()) {
                    throw new DatasetException(where + ": \"tags\" must list texts, but holds " + tag);
                }
                tags.add(tag.asText().strip());
            }
        } else {
            throw new DatasetException(where + ": \"tags\" must be a list of texts (or a \";\"-separated text), but "
                    + "was " + node);
        }
        return tags.stream().distinct().toList();
    }

    /** A dataset that cannot be used, with the file and line. */
    static final class DatasetException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatasetException(String message) {
            super(message);
        }

        DatasetException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
