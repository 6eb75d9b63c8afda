package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * A recorded answer as a provider replays it to an application: what a fixture file keeps of one interaction,
 * seen without the fixture package (which implements it), so that providers depend on nothing above them.
 */
public interface Recording {

    /** @return the interaction's key */
    String key();

    /** @return the canonical request as recorded */
    ObjectNode request();

    /** @return the model the request named */
    String model();

    /** @return the answer text */
    String text();

    /** @return the reasoning kept apart from the answer, or null */
    String thinking();

    /** @return why generation stopped, or null */
    String doneReason();

    /** @return the server's own timestamp, or null */
    String createdAt();

    /** @return when it was recorded, or null */
    Instant recordedAt();

    /** @return the server's figures */
    ServerMetrics metrics();

    /** @return the tool calls in the provider's form, or null */
    JsonNode toolCalls();

    /** @return the whole response of an endpoint that answers with data (embeddings), or null */
    JsonNode body();

    /** @return the model's digest, or null */
    String modelDigest();

    /** @return the server's version, or null */
    String ollamaVersion();

    /**
     * @return the model the server said answered, when it is another than the request named (a server that serves
     * the model it has loaded whatever the request names), or null
     */
    String answeredBy();
}
