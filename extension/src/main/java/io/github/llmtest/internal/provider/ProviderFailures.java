package io.github.llmtest.internal.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import okhttp3.Response;

import java.io.IOException;

/**
 * A provider's failure messages: every way a call can fail turned into the provider's {@link ProviderException},
 * naming the URL, the cause and the remedy. The transport sees them through {@link #forModel}.
 */
public abstract class ProviderFailures {

    /**
     * What a hosted API's client says of an I/O failure once the server was reached: a timeout, an interruption, a
     * connection lost mid-answer. (A server that cannot be reached is each provider's own message: where to set its
     * URL and how to start one.)
     *
     * @param failure       the failure, not {@code REFUSED} or {@code UNKNOWN_HOST}
     * @param cause         what OkHttp threw
     * @param url           the URL asked
     * @param partial       the answer's text so far, or null
     * @param timeouts      the client's timeouts
     * @param shorterAnswer how to ask for a shorter answer, such as {@code numPredict, sent as max_tokens}
     * @return the kind and the message
     */
    protected static Reached reached(HttpTransport.IoFailure failure, IOException cause, String url, String partial,
                                     Timeouts timeouts, String shorterAnswer) {
        return switch (failure) {
            case CONNECT_TIMEOUT, READ_TIMEOUT -> new Reached(ProviderException.Kind.TIMEOUT, "The server at " + url
                    + " did not answer within " + (failure == HttpTransport.IoFailure.CONNECT_TIMEOUT
                    ? "the connect timeout of " + Durations.format(timeouts.connect())
                    : "the read timeout of " + Durations.format(timeouts.read())
                    + " without any data") + ". Raise the timeout if the model is slow to start.");
            case CALL_TIMEOUT -> new Reached(ProviderException.Kind.TIMEOUT, "The call to " + url + " took longer "
                    + "than the call timeout of " + Durations.format(timeouts.call())
                    + ". Raise it, or ask for a shorter answer (" + shorterAnswer + ").");
            case INTERRUPTED -> new Reached(ProviderException.Kind.INTERRUPTED, "The call to " + url
                    + " was interrupted.");
            case CONNECTION_LOST -> new Reached(ProviderException.Kind.CONNECTION_LOST, "The connection to " + url
                    + " broke while reading the answer (" + cause.getMessage() + ")" + (partial == null ? ""
                    : " after " + partial.length() + " characters") + ". Retry; if it repeats, check the server.");
            case REFUSED, UNKNOWN_HOST -> throw new IllegalArgumentException("not reached: " + failure);
        };
    }

    /**
     * An I/O failure's kind and message, as {@link #reached} gives them.
     *
     * @param kind    the kind
     * @param message the message
     */
    protected record Reached(ProviderException.Kind kind, String message) {
    }

    /**
     * @param failure what went wrong on the wire
     * @param cause   the exception
     * @param url     the URL called
     * @param partial the text read before, or null
     * @return the provider's exception
     */
    public abstract ProviderException io(HttpTransport.IoFailure failure, IOException cause, String url,
                                         String partial);

    /**
     * @param response an unsuccessful response that is not retried (any more)
     * @param url      the URL called
     * @param model    the model the call was about, or null
     * @param tries    how many tries were made
     * @return the provider's exception
     * @throws IOException when the body cannot be read
     */
    public abstract ProviderException httpError(Response response, String url, String model, int tries)
            throws IOException;

    /**
     * @param url the URL that was to be called
     * @return the exception for a call that waited longer than the call timeout for a free slot
     */
    public abstract ProviderException noFreeSlot(String url);

    /**
     * @param url     the URL called
     * @param body    the body, or the piece of a stream, that is not what the provider sends
     * @param cause   the parse error, or null
     * @param partial the text streamed before it, or null
     * @return the provider's exception
     */
    public abstract ProviderException malformed(String url, String body, Exception cause, String partial);

    /**
     * One piece of a stream (or a whole body) read as a JSON object, as every provider's answer is made of.
     *
     * @param url     the URL called
     * @param piece   the text read
     * @param partial the answer's text streamed before it, for the failure
     * @return the object
     * @throws ProviderException {@link #malformed} when the piece is not a JSON object
     */
    public final JsonNode object(String url, String piece, String partial) {
        try {
            JsonNode node = Jsons.read(piece);
            if (node == null || !node.isObject()) {
                throw malformed(url, piece, null, partial);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(url, piece, e, partial);
        }
    }

    /**
     * @param model the model a call is about, or null
     * @return the transport's view of these messages for that call
     */
    public final HttpTransport.Failures forModel(String model) {
        return new HttpTransport.Failures() {
            @Override
            public RuntimeException io(HttpTransport.IoFailure failure, IOException cause, String url,
                                       String partial) {
                return ProviderFailures.this.io(failure, cause, url, partial);
            }

            @Override
            public RuntimeException status(Response response, String url, int tries) throws IOException {
                return httpError(response, url, model, tries);
            }

            @Override
            public RuntimeException noFreeSlot(String url) {
                return ProviderFailures.this.noFreeSlot(url);
            }
        };
    }
}
