package io.github.llmtest.internal.answer;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON in a model's answer, in this order: the whole text (after a closed {@code <think>} trace), the
 * first fenced {@code ```json} block (or an unlabelled fenced block that holds an object or array), the first
 * balanced object or array in the text. JSON is read strictly: no comments, no trailing commas, no key twice in one
 * object, nothing after the value. Not API.
 */
public final class JsonText {

    /** What was found: the value and where it came from, or why nothing could be read. */
    public record Result(JsonNode json, String where, String problem) {

        /** @return whether JSON was found */
        public boolean found() {
            return json != null;
        }
    }

    private static final Pattern FENCE = Pattern.compile("```[ \\t]*([A-Za-z0-9_-]*)[ \\t]*\\r?\\n(.*?)```",
            Pattern.DOTALL);
    private static final int AROUND = 40;
    /** Candidates tried after the whole text and the fenced block: enough for prose, linear on hostile text. */
    private static final int MAX_CANDIDATES = 8;

    private JsonText() {
    }

    /**
     * @param answer a model's answer
     * @return the JSON found, or the reasons none was
     */
    public static Result read(String answer) {
        String text = afterThinking(answer);
        List<String> problems = new ArrayList<>();
        String whole = text.strip();
        if (whole.startsWith("{") || whole.startsWith("[")) {
            Result r = parse(whole, "the whole text", problems);
            if (r != null) {
                return r;
            }
        } else {
            problems.add("the whole text is not JSON (it starts with " + quote(head(whole)) + ")");
        }
        Matcher fence = FENCE.matcher(text);
        boolean fenced = false;
        while (fence.find()) {
            String label = fence.group(1).toLowerCase(java.util.Locale.ROOT);
            String body = fence.group(2).strip();
            if (label.equals("json") || label.isEmpty() && (body.startsWith("{") || body.startsWith("["))) {
                fenced = true;
                Result r = parse(body, "the first fenced ```" + label + " block", problems);
                if (r != null) {
                    return r;
                }
                break;
            }
        }
        if (!fenced) {
            problems.add("there is no fenced ```json block");
        }
        int start = firstBracket(text, 0);
        if (start < 0) {
            problems.add("there is no { or [ in the text");
        }
        for (int tried = 0; start >= 0 && tried < MAX_CANDIDATES; tried++) {
            int end = balancedEnd(text, start);
            if (end < 0) {
                problems.add("the " + (text.charAt(start) == '{' ? "object" : "array") + " that starts at character "
                        + (start + 1) + " is never closed");
                break;
            }
            String candidate = text.substring(start, end + 1);
            Result r = parse(candidate, "the first JSON " + (text.charAt(start) == '{' ? "object" : "array")
                    + " in the text (characters " + (start + 1) + "–" + (end + 1) + ")", problems);
            if (r != null) {
                return r;
            }
            start = firstBracket(text, start + 1);
        }
        return new Result(null, null, String.join("; ", problems));
    }

    private static Result parse(String candidate, String where, List<String> problems) {
        try {
            JsonNode node = Jsons.readWithoutDuplicates(candidate);
            if (node != null && (node.isObject() || node.isArray())) {
                return new Result(node, where, null);
            }
            problems.add(where + " is not a JSON object or array");
        } catch (JsonProcessingException e) {
            problems.add(where + " is not valid JSON: " + e.getOriginalMessage() + around(candidate, e.getLocation()));
        }
        return null;
    }

    /** " at line 3, column 9: «…"amount": 12,}…»". */
    private static String around(String text, JsonLocation at) {
        if (at == null || at.getCharOffset() < 0) {
            return "";
        }
        int offset = (int) Math.min(at.getCharOffset(), text.length());
        String before = text.substring(Math.max(0, offset - AROUND), offset);
        String after = text.substring(offset, Math.min(text.length(), offset + AROUND));
        return " at line " + at.getLineNr() + ", column " + at.getColumnNr() + ": «" + before + "⟨here⟩" + after + "»";
    }

    private static String afterThinking(String text) {
        int end = text.lastIndexOf("</think>");
        return end < 0 ? text : text.substring(end + "</think>".length());
    }

    private static int firstBracket(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                return i;
            }
        }
        return -1;
    }

    /** The index of the bracket that closes the one at {@code start}, skipping strings; -1 when never closed. */
    private static int balancedEnd(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String head(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 40 ? line.substring(0, 40) + "…" : line;
    }

    private static String quote(String text) {
        return "\"" + text + "\"";
    }
}
