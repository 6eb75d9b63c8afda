package io.github.llmtest.internal.openai;

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
 * Turns every way a call to an OpenAI-compatible server can fail into an {@link OpenAiException} whose message names
 * the URL, the cause and the remedy. The key never appears in a message.
 */
final class OpenAiFailures extends ProviderFailures {

    static final String KEY_VARIABLE = "OPENAI_API_KEY";
    private static final int MAX_QUOTE = 300;

    private final String baseUrl;
    private final Timeouts timeouts;
    private final boolean noKey;

    OpenAiFailures(String baseUrl, Timeouts timeouts, boolean noKey) {
        this.baseUrl = baseUrl;
        this.timeouts = timeouts;
        this.noKey = noKey;
    }

    /**
     * The error of a body: OpenAI's {@code error.message}, or what other servers send.
     *
     * @param message      the server's message, empty when it gave none
     * @param param        the parameter at fault (OpenAI), or null
     * @param code         the error code as text (a string in OpenAI, the status number in llama.cpp), or null
     * @param promptTokens the prompt's tokens when it did not fit the context (llama.cpp's {@code n_prompt_tokens}),
     *                     or null
     * @param contextSize  the context size it did not fit (llama.cpp's {@code n_ctx}), or null
     */
    record ServerError(String message, String param, String code, Long promptTokens, Long contextSize) {
        ServerError(String message, String param, String code) {
            this(message, param, code, null, null);
        }

        /** llama.cpp's server answers 500 with nlohmann::json's exception when it cannot read a request body. */
        boolean unreadableRequest() {
            return message.contains("[json.exception.");
        }

        static ServerError of(String raw) {
            try {
                JsonNode node = Jsons.read(raw);
                if (node != null && node.isObject()) {
                    JsonNode error = node.get("error");
                    if (error != null && error.isObject()) {
                        return new ServerError(error.path("message").asText(""), Jsons.text(error, "param"),
                                Jsons.text(error, "code"), Jsons.number(error, "n_prompt_tokens"),
                                Jsons.number(error, "n_ctx"));
                    }
                    if (error != null && error.isTextual()) {
                        return new ServerError(error.asText(), null, null);
                    }
                    for (String field : new String[] {"message", "detail"}) {
                        if (node.has(field)) {
                            return new ServerError(node.get(field).isTextual() ? node.get(field).asText()
                                    : node.get(field).toString(), null, null);
                        }
                    }
                }
            } catch (JsonProcessingException e) {
                // not JSON: quote the text itself
            }
            return new ServerError(Texts.quote(raw.strip(), MAX_QUOTE), null, null);
        }
    }

    @Override
    public OpenAiException httpError(Response response, String url, String model, int tries) throws IOException {
        return httpError(response.code(), ServerError.of(response.peekBody(64 * 1024).string()), url, model, tries);
    }

    @Override
    public OpenAiException noFreeSlot(String url) {
        return exception(ProviderException.Kind.TIMEOUT, url, null, "Waited "
                + Durations.format(timeouts.call()) + " for a free slot to call " + url + ": other requests "
                + "were still running. Raise the call timeout.", null, null);
    }

    OpenAiException httpError(int code, ServerError error, String url, String model, int tries) {
        String said = error.message().isEmpty() ? "" : " (server said: " + error.message()
                + (error.param() == null ? "" : "; param: " + error.param()) + ")";
        if (code == 401 || code == 403) {
            String remedy = noKey ? "No " + KEY_VARIABLE + " is set: set it to a key for this server."
                    : code == 401 ? "The key in " + KEY_VARIABLE + " was not accepted: check it, and that it belongs "
                    + "to this server." : "The key in " + KEY_VARIABLE + " may lack access to " + model + ", or its "
                    + "project may not allow it.";
            return exception(ProviderException.Kind.AUTHENTICATION, url, code, "The OpenAI-compatible server at "
                    + url + " refused the request (" + code + ")" + said + ". " + remedy, null, null);
        }
        if (code == 404 && (isModelError(error) || error.message().contains(model))) {
            return exception(ProviderException.Kind.MODEL_NOT_FOUND, url, code, "Model '" + model + "' is not "
                    + "available at " + baseUrl + said + ". Check the name after \"openai:\"; it is sent as it is.",
                    null, null);
        }
        if (code == 429 && "insufficient_quota".equals(error.code())) {
            return exception(ProviderException.Kind.QUOTA_EXCEEDED, url, code, "The account of the key has no quota "
                    + "left at " + url + " (429 insufficient_quota)" + said + ". Check its plan and billing; llmtest "
                    + "does not retry this.", null, null);
        }
        if (code == 429) {
            return exception(ProviderException.Kind.RATE_LIMITED, url, code, "The server at " + url + " was rate "
                    + "limiting (429) on all " + tries + " tries" + said + ". Run fewer requests at once, or wait "
                    + "and record again.", null, null);
        }
        if (code == 400 && error.promptTokens() != null && error.contextSize() != null) {
            return exception(OpenAiException.Kind.BAD_REQUEST, url, code, "The prompt for " + model + " is "
                    + error.promptTokens() + " tokens, more than the context of " + error.contextSize() + " tokens "
                    + "that the server at " + url + " has (400)" + said + ". Shorten the prompt, or give the server "
                    + "a larger context: llama.cpp's llama-server takes it as -c (--ctx-size), for example -c "
                    + contextFor(error.promptTokens()) + ".", null, null);
        }
        if (code >= 500 && error.unreadableRequest()) {
            return exception(OpenAiException.Kind.BAD_REQUEST, url, code, "The server at " + url + " could not "
                    + "read the request for " + model + " (" + code + ")" + said + ": the request body is not JSON "
                    + "it accepts (llama.cpp's server answers 500 rather than 400 for that). Check the request's "
                    + "fields and their types; this is not retried.", null, null);
        }
        if (code == 400 || code == 422) {
            return exception(ProviderException.Kind.BAD_REQUEST, url, code, "The server at " + url + " rejected the "
                    + "request for " + model + " (" + code + ")" + said + ". Fix the request or its options.",
                    null, null);
        }
        if (code >= 500) {
            return exception(ProviderException.Kind.SERVER_ERROR, url, code, "The server at " + url + " failed with "
                    + "status " + code + " on all " + tries + " tries" + said + ". Retry later, or check the "
                    + "server's log.", null, null);
        }
        return exception(ProviderException.Kind.HTTP_ERROR, url, code, "The server at " + url + " answered with "
                + "status " + code + said + ". Check that " + baseUrl + " is the API's base URL, usually ending in "
                + "/v1 (llmtest.openai.url or OPENAI_BASE_URL).", null, null);
    }

    /** A context size that holds the prompt and room for an answer, rounded up to a multiple of 1024. */
    private static long contextFor(long promptTokens) {
        return (promptTokens + 1024 + 1023) / 1024 * 1024;
    }

    private static boolean isModelError(ServerError error) {
        return "model_not_found".equals(error.code()) || error.message().toLowerCase(java.util.Locale.ROOT)
                .contains("model");
    }

    @Override
    public OpenAiException io(HttpTransport.IoFailure failure, IOException e, String url, String partial) {
        return switch (failure) {
            case REFUSED, UNKNOWN_HOST -> exception(ProviderException.Kind.UNREACHABLE, url, null, "Could not "
                    + (failure == HttpTransport.IoFailure.UNKNOWN_HOST ? "find the host of" : "connect to")
                    + " the OpenAI-compatible server at " + url + " (" + e.getMessage() + "). Check "
                    + "llmtest.openai.url or OPENAI_BASE_URL, or start the server (vLLM, llama.cpp, or `ollama "
                    + "serve` for Ollama's /v1).", partial, e);
            default -> {
                Reached reached = reached(failure, e, url, partial, timeouts, "numPredict");
                yield exception(reached.kind(), url, null, reached.message(), partial, e);
            }
        };
    }

    OpenAiException streamError(String url, String error, String partial) {
        return exception(ProviderException.Kind.STREAM_ERROR, url, 200, "The server at " + url + " reported an error "
                + "in the middle of the answer: " + error + " (" + partial.length() + " characters had arrived).",
                partial, null);
    }

    OpenAiException incomplete(String url, String partial) {
        return exception(ProviderException.Kind.INCOMPLETE_STREAM, url, 200, "The answer from " + url + " ended "
                + "before its final \"data: [DONE]\" after " + partial.length() + " characters: an incomplete "
                + "answer, not a short one. The server or a proxy closed the stream early; retry.", partial, null);
    }

    @Override
    public OpenAiException malformed(String url, String body, Exception cause, String partial) {
        return exception(ProviderException.Kind.MALFORMED_RESPONSE, url, null, "The answer from " + url + " is not "
                + "the server-sent events an OpenAI-compatible server sends; it contains: "
                + Texts.quote(body, MAX_QUOTE) + ". Check that the URL is the API's base URL.", partial, cause);
    }

    OpenAiException notEventStream(String url, String contentType, String firstLine) {
        return exception(ProviderException.Kind.MALFORMED_RESPONSE, url, 200, "The answer from " + url + " (200, "
                + "Content-Type: " + (contentType == null ? "none" : contentType) + ") is not server-sent events; its "
                + "first line is " + Texts.quote(firstLine.strip(), MAX_QUOTE) + ". A proxy's sign-in page or another "
                + "service answered: check the base URL and any proxy between llmtest and the server.", null, null);
    }

    OpenAiException unsupported(String model, String message) {
        return exception(ProviderException.Kind.UNSUPPORTED_OPTION, baseUrl, null, "openai:" + model + ": "
                + message, null, null);
    }

    private OpenAiException exception(OpenAiException.Kind kind, String url, Integer status, String message,
                                      String partial, Throwable cause) {
        return new OpenAiException(kind, url, status, message, partial, noKey, cause);
    }
}
