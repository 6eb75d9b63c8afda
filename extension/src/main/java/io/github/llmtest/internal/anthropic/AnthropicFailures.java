package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.provider.HttpTransport;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.ProviderFailures;
import io.github.llmtest.internal.provider.Timeouts;
import okhttp3.Response;

import java.io.IOException;

/**
 * Turns every way a call to the Messages API can fail into an {@link AnthropicException} whose message names the
 * URL, the cause and the remedy. The key never appears in a message.
 */
final class AnthropicFailures extends ProviderFailures {

    static final String KEY_VARIABLE = "ANTHROPIC_API_KEY";
    private static final int MAX_QUOTE = 300;

    private final String baseUrl;
    private final Timeouts timeouts;
    private final boolean noKey;

    AnthropicFailures(String baseUrl, Timeouts timeouts, boolean noKey) {
        this.baseUrl = baseUrl;
        this.timeouts = timeouts;
        this.noKey = noKey;
    }

    /**
     * The error of a body: {@code {"type":"error","error":{"type":...,"message":...}}}, or what another server sent.
     *
     * @param type    the error's type, such as {@code overloaded_error}, or null
     * @param message the message, empty when none
     */
    record ServerError(String type, String message) {

        static ServerError of(String raw) {
            try {
                JsonNode node = Jsons.read(raw);
                if (node != null && node.isObject()) {
                    return of(node);
                }
            } catch (JsonProcessingException e) {
                // not JSON: quote the text itself
            }
            return new ServerError(null, Texts.quote(raw.strip(), MAX_QUOTE));
        }

        static ServerError of(JsonNode node) {
            JsonNode error = node.get("error");
            if (error != null && error.isObject()) {
                return new ServerError(Jsons.text(error, "type"), error.path("message").asText(""));
            }
            if (error != null && error.isTextual()) {
                return new ServerError(null, error.asText());
            }
            return new ServerError(null, node.path("message").asText(Texts.quote(node.toString(), MAX_QUOTE)));
        }
    }

    @Override
    public AnthropicException httpError(Response response, String url, String model, int tries) throws IOException {
        return httpError(response.code(), ServerError.of(response.peekBody(64 * 1024).string()), url, model, tries);
    }

    @Override
    public AnthropicException noFreeSlot(String url) {
        return exception(ProviderException.Kind.TIMEOUT, url, null, "Waited " + Durations.format(timeouts.call())
                + " for a free slot to call " + url + ": other requests were still running. Raise the call timeout.",
                null, null);
    }

    AnthropicException httpError(int code, ServerError error, String url, String model, int tries) {
        String said = error.message().isEmpty() && error.type() == null ? "" : " (server said: "
                + (error.type() == null ? "" : error.type() + ": ") + error.message() + ")";
        if (code == 401 || code == 403) {
            String remedy = noKey ? "No " + KEY_VARIABLE + " is set: set it to a key for this server."
                    : code == 401 ? "The key in " + KEY_VARIABLE + " was not accepted: check it, and that it "
                    + "belongs to this server." : "The key in " + KEY_VARIABLE + " may lack access to " + model
                    + ", or its workspace may not allow it.";
            return exception(ProviderException.Kind.AUTHENTICATION, url, code, "The Anthropic server at " + url
                    + " refused the request (" + code + ")" + said + ". " + remedy, null, null);
        }
        if (code == 404 && (model != null && error.message().contains(model) || "not_found_error".equals(
                error.type()) && error.message().toLowerCase(java.util.Locale.ROOT).contains("model"))) {
            return exception(ProviderException.Kind.MODEL_NOT_FOUND, url, code, "Model '" + model + "' is not "
                    + "available at " + baseUrl + said + ". Check the name after \"anthropic:\"; it is sent as it "
                    + "is (such as claude-sonnet-4-5).", null, null);
        }
        if (code == 429) {
            return exception(ProviderException.Kind.RATE_LIMITED, url, code, "The server at " + url + " was rate "
                    + "limiting (429) on all " + tries + " tries" + said + ". Run fewer requests at once, or wait "
                    + "and record again.", null, null);
        }
        if (code == 529 || "overloaded_error".equals(error.type())) {
            return exception(ProviderException.Kind.BUSY, url, code, "The Anthropic API at " + url + " was "
                    + "overloaded (" + code + " overloaded_error) on all " + tries + " tries" + said + ". Wait a "
                    + "while and record again.", null, null);
        }
        if (code == 400 || code == 413 || code == 422) {
            return exception(ProviderException.Kind.BAD_REQUEST, url, code, "The server at " + url + " rejected "
                    + "the request for " + model + " (" + code + ")" + said + ". Fix the request or its options.",
                    null, null);
        }
        if (code >= 500) {
            return exception(ProviderException.Kind.SERVER_ERROR, url, code, "The server at " + url + " failed "
                    + "with status " + code + " on all " + tries + " tries" + said + ". Retry later, or check the "
                    + "server's log.", null, null);
        }
        return exception(ProviderException.Kind.HTTP_ERROR, url, code, "The server at " + url + " answered with "
                + "status " + code + said + ". Check that " + baseUrl + " is the API's base URL, such as "
                + AnthropicClient.DEFAULT_URL + " (llmtest.anthropic.url or ANTHROPIC_BASE_URL).", null, null);
    }

    @Override
    public AnthropicException io(HttpTransport.IoFailure failure, IOException e, String url, String partial) {
        return switch (failure) {
            case REFUSED, UNKNOWN_HOST -> exception(ProviderException.Kind.UNREACHABLE, url, null, "Could not "
                    + (failure == HttpTransport.IoFailure.UNKNOWN_HOST ? "find the host of" : "connect to")
                    + " the Anthropic server at " + url + " (" + e.getMessage() + "). Check llmtest.anthropic.url "
                    + "or ANTHROPIC_BASE_URL, or start the server (llama.cpp's llama-server speaks /v1/messages).",
                    partial, e);
            default -> {
                Reached reached = reached(failure, e, url, partial, timeouts, "numPredict, sent as max_tokens");
                yield exception(reached.kind(), url, null, reached.message(), partial, e);
            }
        };
    }

    AnthropicException streamError(String url, ServerError error, String partial) {
        boolean overloaded = "overloaded_error".equals(error.type());
        return exception(ProviderException.Kind.STREAM_ERROR, url, 200, "The server at " + url + " sent an error "
                + "event in the middle of the answer: " + (error.type() == null ? "" : error.type() + ": ")
                + error.message() + " (" + partial.length() + " characters had arrived)."
                + (overloaded ? " The API was overloaded: record again later." : ""), partial, null);
    }

    AnthropicException incomplete(String url, String partial) {
        return exception(ProviderException.Kind.INCOMPLETE_STREAM, url, 200, "The answer from " + url + " ended "
                + "before its message_stop event after " + partial.length() + " characters: an incomplete answer, "
                + "not a short one. The server or a proxy closed the stream early; retry.", partial, null);
    }

    @Override
    public AnthropicException malformed(String url, String body, Exception cause, String partial) {
        return exception(ProviderException.Kind.MALFORMED_RESPONSE, url, null, "The answer from " + url + " is not "
                + "the server-sent events of the Messages API; it contains: " + Texts.quote(body, MAX_QUOTE)
                + ". Check that the URL is the API's base URL.", partial, cause);
    }

    AnthropicException notEventStream(String url, String contentType, String firstLine) {
        return exception(ProviderException.Kind.MALFORMED_RESPONSE, url, 200, "The answer from " + url + " (200, "
                + "Content-Type: " + (contentType == null ? "none" : contentType) + ") is not server-sent events; "
                + "its first line is " + Texts.quote(firstLine.strip(), MAX_QUOTE) + ". A proxy's sign-in page or "
                + "another service answered: check the base URL and any proxy between llmtest and the server.",
                null, null);
    }

    AnthropicException unsupported(String model, String message) {
        return exception(ProviderException.Kind.UNSUPPORTED_OPTION, baseUrl, null, "anthropic:" + model + ": "
                + message, null, null);
    }

    private AnthropicException exception(ProviderException.Kind kind, String url, Integer status, String message,
                                         String partial, Throwable cause) {
        return new AnthropicException(kind, url, status, message, partial, noKey, cause);
    }
}
