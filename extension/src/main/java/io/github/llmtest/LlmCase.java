package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One case of an {@link LlmDataset @LlmDataset}: an object of fields read from one line of a JSON Lines file, one
 * row of a CSV file or one item of a YAML list, passed to the test method as a parameter.
 *
 * <pre>{@code
 * @LlmDataset(value = "/datasets/word-problems.jsonl", minAccuracy = 0.85)
 * void solves(LlmCase c, Llm llm) {
 *     assertThat(llm.ask(c.text("question"))).finalNumber().isEqualByComparingTo(c.text("answer"));
 * }
 * }</pre>
 *
 * <p>A case that carries a conversation instead of a single question has a {@code messages} field (a list of
 * objects with {@code role} and {@code content}):
 * {@code llm.chat(LlmRequest.builder().messages(c.messages()).build())} sends it. Fields bind to a record with
 * {@link #as(Class)}.
 */
public final class LlmCase {

    private final String id;
    private final ObjectNode fields;
    private final List<String> tags;
    private final String source;

    LlmCase(String id, ObjectNode fields, List<String> tags, String source) {
        this.id = id;
        this.fields = fields;
        this.tags = List.copyOf(tags);
        this.source = source;
    }

    /**
     * The case's {@code id} field, or else its line (JSON Lines, YAML) or row (CSV, from 1 after the header) number.
     * It names the case's test: {@code solves[q17]}.
     *
     * @return the id, never blank
     */
    public String id() {
        return id;
    }

    /**
     * A field as text: a string as it is, a number or boolean as written, an object or list as JSON.
     *
     * @param field the field's name, for example {@code "question"}
     * @return its text
     * @throws IllegalArgumentException when the case has no such field (or it is null), naming the field, the case
     *                                  and the file
     */
    public String text(String field) {
        JsonNode value = fields.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Case \"" + id + "\" (" + source + ") has no field \"" + field
                    + "\"; its fields are " + fieldNames() + ". Add the field to the dataset, or read another one.");
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * A field as JSON, for lists, objects and numbers.
     *
     * @param field the field's name
     * @return its value; {@link JsonNode#isMissingNode()} is true when the case has no such field
     */
    public JsonNode get(String field) {
        JsonNode value = fields.get(field);
        return value == null ? MissingNode.getInstance() : value.deepCopy();
    }

    /**
     * @param field the field's name
     * @return the field as text, or empty when the case has no such field (or it is null)
     */
    public Optional<String> optionalText(String field) {
        JsonNode value = fields.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(text(field));
    }

    /**
     * The case's tags: its {@code tags} field, a list (JSON, YAML) or a {@code ;}-separated cell (CSV).
     * {@code minAccuracyPerTag} judges each tag apart and {@code -Dllmtest.dataset.filter=tag} selects by them.
     *
     * @return the tags, in the dataset's order; empty when the case has none
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * The case's conversation: its {@code messages} field, a list of objects with {@code role} ({@code system},
     * {@code user}, {@code assistant}) and {@code content}.
     *
     * @return the messages, in order
     * @throws IllegalArgumentException when the case has no {@code messages} list or a message lacks its role or
     *                                  content, naming the case and the file
     */
    public List<Message> messages() {
        JsonNode list = fields.get("messages");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("Case \"" + id + "\" (" + source + ") has no \"messages\" list; "
                    + "give it a list of {\"role\": ..., \"content\": ...} objects, or ask with text(\"question\")");
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode m = list.get(i);
            if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
                throw new IllegalArgumentException("Case \"" + id + "\" (" + source + "): message #" + (i + 1)
                        + " needs a \"role\" and a \"content\" string, but was " + m);
            }
            try {
                messages.add(new Message(m.get("role").asText(), m.get("content").asText()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Case \"" + id + "\" (" + source + "): message #" + (i + 1)
                        + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(messages);
    }

    /**
     * Binds the case's fields to a type, usually a record; fields the type does not have are ignored.
     *
     * <pre>{@code
     * record Problem(String question, BigDecimal answer) {}
     * Problem p = c.as(Problem.class);
     * }</pre>
     *
     * @param type the type
     * @param <T>  the type
     * @return the bound value
     * @throws IllegalArgumentException when the fields do not fit the type, naming the case and the file
     */
    public <T> T as(Class<T> type) {
        try {
            return CaseBinding.bind(fields, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Case \"" + id + "\" (" + source + ") does not bind to "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** @return where the case comes from, as {@code word-problems.jsonl:17} */
    public String source() {
        return source;
    }

    /** @return the case's fields, for the run report */
    ObjectNode fields() {
        return fields;
    }

    private List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        fields.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Override
    public String toString() {
        return id;
    }
}
