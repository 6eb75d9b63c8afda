package io.github.llmtest.internal.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;

/**
 * The layout of report.json: indented like every JSON file llmtest writes ({@link Jsons#prettyPrinter}), except
 * the values it is told to put on one line ({@link #nextOnOneLine}), written compactly after the line break and
 * indentation of their place. So each call is one line: a quarter fewer bytes to write than indented (the
 * indentation of a call's fields was about 8 of report.json's 35 MB at 10,000 calls), and a diff or a
 * {@code grep} shows a call as one line. Parsers read it as before: only whitespace differs.
 */
final class OneLineValues implements PrettyPrinter {

    private final DefaultPrettyPrinter indented = Jsons.prettyPrinter();
    private final MinimalPrettyPrinter compact = new MinimalPrettyPrinter();
    /** Whether the next object or array begins a value on one line. */
    private boolean next;
    /** Objects and arrays open in the value on one line; 0 outside one. */
    private int depth;

    /** The next value the generator writes, an object or array, goes on one line with all it holds. */
    void nextOnOneLine() {
        next = true;
    }

    private PrettyPrinter current() {
        return depth > 0 ? compact : indented;
    }

    @Override
    public void writeStartObject(JsonGenerator out) throws IOException {
        if (opensCompact()) {
            compact.writeStartObject(out);
        } else {
            indented.writeStartObject(out);
        }
    }

    @Override
    public void writeEndObject(JsonGenerator out, int entries) throws IOException {
        if (closesCompact()) {
            compact.writeEndObject(out, entries);
        } else {
            indented.writeEndObject(out, entries);
        }
    }

    @Override
    public void writeStartArray(JsonGenerator out) throws IOException {
        if (opensCompact()) {
            compact.writeStartArray(out);
        } else {
            indented.writeStartArray(out);
        }
    }

    @Override
    public void writeEndArray(JsonGenerator out, int values) throws IOException {
        if (closesCompact()) {
            compact.writeEndArray(out, values);
        } else {
            indented.writeEndArray(out, values);
        }
    }

    /** Whether the object or array starting now goes on one line: the one asked for, or any inside it. */
    private boolean opensCompact() {
        if (next || depth > 0) {
            next = false;
            depth++;
            return true;
        }
        return false;
    }

    /** Whether the object or array ending now is on one line (then one level fewer is open). */
    private boolean closesCompact() {
        if (depth > 0) {
            depth--;
            return true;
        }
        return false;
    }

    @Override
    public void writeRootValueSeparator(JsonGenerator out) throws IOException {
        current().writeRootValueSeparator(out);
    }

    @Override
    public void writeObjectEntrySeparator(JsonGenerator out) throws IOException {
        current().writeObjectEntrySeparator(out);
    }

    @Override
    public void writeObjectFieldValueSeparator(JsonGenerator out) throws IOException {
        current().writeObjectFieldValueSeparator(out);
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator out) throws IOException {
        current().writeArrayValueSeparator(out);
    }

    @Override
    public void beforeArrayValues(JsonGenerator out) throws IOException {
        current().beforeArrayValues(out);
    }

    @Override
    public void beforeObjectEntries(JsonGenerator out) throws IOException {
        current().beforeObjectEntries(out);
    }
}
