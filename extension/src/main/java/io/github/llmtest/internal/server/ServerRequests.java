package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads what a person would call the prompt out of a request body of any recorded endpoint. Not API. */
public final class ServerRequests {

    private ServerRequests() {
    }

    /**
     * @param request a request body, or its canonical form
     * @return the last user message of a chat, the prompt of a completion, or the input of an embeddings call
     */
    public static String prompt(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return content(messages.get(i).path("content"));
            }
        }
        if (request.has("prompt")) {
            return content(request.get("prompt"));
        }
        JsonNode input = request.path("input");
        return input.isArray() ? content(input.path(0)) : content(input);
    }

    /** A string, or the text parts of OpenAI's content array. */
    private static String content(JsonNode content) {
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                if (part.isTextual()) {
                    text.append(part.asText());
                } else if (part.path("text").isTextual()) {
                    text.append(part.path("text").asText());
                }
            }
            return text.toString();
        }
        return content.isValueNode() ? content.asText() : "";
    }

    /**
     * Checks a pointer to ignore.
     *
     * @param pointer such as {@code /messages/0/content} or {@code /metadata/*}
     * @return the pointer
     * @throws IllegalArgumentException when it is not a JSON pointer
     */
    public static String checkPointer(String pointer) {
        if (pointer == null || !pointer.startsWith("/") || pointer.length() < 2) {
            throw new IllegalArgumentException("'" + pointer + "' is not a JSON pointer into the request body: "
                    + "write it like /messages/0/content, /options/seed or /messages/*/content");
        }
        return pointer;
    }
}
