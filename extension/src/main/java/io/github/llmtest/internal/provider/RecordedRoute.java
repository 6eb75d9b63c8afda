package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;

import java.io.IOException;

/**
 * What every provider's routes share: a path, a kind, whether a request without a {@code stream} field streams, and
 * reading the upstream's JSON objects.
 */
public abstract class RecordedRoute implements Route {

    private final String path;
    private final Kind kind;
    private final boolean streamsByDefault;

    /**
     * @param path             the path, such as {@code /api/chat}
     * @param kind             what it answers with
     * @param streamsByDefault whether a request that does not say streams (Ollama: yes; OpenAI: no)
     */
    protected RecordedRoute(String path, Kind kind, boolean streamsByDefault) {
        this.path = path;
        this.kind = kind;
        this.streamsByDefault = streamsByDefault;
    }

    /** An embeddings answer is never streamed; otherwise the request's {@code stream} field, or the default. */
    @Override
    public final boolean streams(JsonNode body) {
        if (kind == Kind.EMBED) {
            return false;
        }
        JsonNode stream = body.get("stream");
        return stream == null ? streamsByDefault : stream.asBoolean(streamsByDefault);
    }

    @Override
    public final String path() {
        return path;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    /**
     * @param text one piece of the upstream's answer
     * @return it as a JSON object
     * @throws Relay.Unrecordable when it is not one
     */
    public static JsonNode object(String text) {
        try {
            JsonNode node = Jsons.read(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new Relay.Unrecordable("the upstream server sent something that is not a JSON object: "
                + Replies.head(text));
    }
}
