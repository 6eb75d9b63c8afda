package io.github.llmtest.internal.ollama;

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
 * Turns every way a call to Ollama can fail into an {@link OllamaException} whose kind names the failure and whose
 * message names the URL, the cause and the remedy.
 */
final class OllamaFailures extends ProviderFailures {

    private static final int MAX_QUOTE = 200;

    private final String baseUrl;
    private final Timeouts timeouts;

    OllamaFailures(String baseUrl, Timeouts timeouts) {
        this.baseUrl = baseUrl;
        this.timeouts = timeouts;
    }

    /** A status other than 2xx, mapped by status and the server's {@code {"error": ...}} message. */
    @Override
    public OllamaException httpError(Response response, String url, String model, int tries) throws IOException {
        int code = response.code();
        String serverMessage = serverMessage(response.peekBody(64 * 1024).string());
        String said = serverMessage.isEmpty() ? "" : " (server said: " + serverMessage + ")";
        if (code == 404 && model != null && serverMessage.contains("not found")) {
            return new OllamaException(ProviderException.Kind.MODEL_NOT_FOUND, url, code, "Model '" + model
                    + "' is not available on Ollama at " + baseUrl + said + ". Pull it with `ollama pull " + model
                    + "`, or check the model name.", null, null);
        }
        if (code == 400 && serverMessage.contains("does not support thinking")) {
            return new OllamaException(ProviderException.Kind.BAD_REQUEST, url, code, "Model '" + model + "' does not "
                    + "think, so Ollama at " + baseUrl + " rejected think (400)" + said + ". Remove the think option "
                    + "for it, or use a reasoning model such as phi4-reasoning, qwen3 or deepseek-r1.", null, null);
        }
        if (code == 400 && serverMessage.contains("does not support tools")) {
            return new OllamaException(ProviderException.Kind.BAD_REQUEST, url, code, "Model '" + model + "' cannot "
                    + "call tools, so Ollama at " + baseUrl + " rejected the request's tools (400)" + said + ". Use a "
                    + "model with the tools capability, such as llama3.1, qwen3 or mistral-nemo (`ollama show "
                    + "<model>` lists a model's capabilities).", null, null);
        }
        return switch (code) {
            case 503 -> new OllamaException(ProviderException.Kind.BUSY, url, code, "Ollama at " + url
                    + " was busy (503" + (serverMessage.isEmpty() ? "" : ": " + serverMessage) + ") on all " + tries
                    + " tries. Run fewer requests at once, or raise OLLAMA_MAX_QUEUE and OLLAMA_NUM_PARALLEL on the "
                    + "server.", null, null);
            case 400 -> new OllamaException(ProviderException.Kind.BAD_REQUEST, url, code, "Ollama at " + url
                    + " rejected the request (400)" + said + ". Fix the request: for example phi4 supports neither "
                    + "tools nor thinking.", null, null);
            case 403 -> new OllamaException(ProviderException.Kind.HTTP_ERROR, url, code, "Ollama at " + url
                    + " refused the request (403)" + said + ". A server bound to loopback only accepts local host "
                    + "names; set OLLAMA_ORIGINS or call it by 127.0.0.1.", null, null);
            case 401 -> new OllamaException(ProviderException.Kind.HTTP_ERROR, url, code, "Ollama at " + url
                    + " requires authentication (401)" + said + ". Set " + OllamaClient.API_KEY_VARIABLE + ".",
                    null, null);
            default -> code >= 500
                    ? new OllamaException(ProviderException.Kind.SERVER_ERROR, url, code, "Ollama at " + url
                    + " failed with status " + code + said + ". Look at the server's log (the output of "
                    + "`ollama serve`) for the cause.", null, null)
                    : new OllamaException(ProviderException.Kind.HTTP_ERROR, url, code, "Ollama at " + url
                    + " answered with status " + code + said + ". Check that the URL points at an Ollama server "
                    + "(default " + OllamaHost.DEFAULT_URL + ").", null, null);
        };
    }

    /** The {@code error} of a JSON body (a string, or OpenAI's {@code {"message": ...}}), else the body quoted. */
    static String serverMessage(String raw) {
        try {
            JsonNode node = Jsons.read(raw);
            if (node != null && node.isObject() && node.has("error")) {
                JsonNode error = node.get("error");
                return error.isTextual() ? error.asText() : error.path("message").asText(error.toString());
            }
        } catch (JsonProcessingException e) {
            // not JSON: quote the text itself
        }
        return Texts.quote(raw.strip(), MAX_QUOTE);
    }

    /** A failure while connecting or reading; {@code partial} is the text streamed before it, if any. */
    @Override
    public OllamaException io(HttpTransport.IoFailure failure, IOException e, String url, String partial) {
        return switch (failure) {
            case REFUSED -> new OllamaException(ProviderException.Kind.UNREACHABLE, url, null, "Could not connect to "
                    + "Ollama at " + url + " (" + e.getMessage() + "). Start it with `ollama serve`, or set "
                    + "OLLAMA_HOST to where it runs.", partial, e);
            case UNKNOWN_HOST -> new OllamaException(ProviderException.Kind.UNREACHABLE, url, null, "Could not find "
                    + "the host of Ollama at " + url + " (unknown host " + e.getMessage() + "). Check OLLAMA_HOST, "
                    + "or start Ollama locally with `ollama serve`.", partial, e);
            case CONNECT_TIMEOUT, READ_TIMEOUT -> new OllamaException(ProviderException.Kind.TIMEOUT, url, null,
                    "Ollama at " + url + " did not answer within " + (failure == HttpTransport.IoFailure.CONNECT_TIMEOUT
                    ? "the connect timeout of " + Durations.format(timeouts.connect())
                    : "the read timeout of " + Durations.format(timeouts.read()) + " without any data")
                    + ". A large model may still be loading: warm it up first, or raise the timeout.", partial, e);
            case CALL_TIMEOUT -> new OllamaException(ProviderException.Kind.TIMEOUT, url, null, "The call to Ollama at "
                    + url + " took longer than the call timeout of " + Durations.format(timeouts.call()) + ". Raise "
                    + "the call timeout or ask for a shorter answer (num_predict).", partial, e);
            case INTERRUPTED -> interrupted(url, e);
            case CONNECTION_LOST -> new OllamaException(ProviderException.Kind.CONNECTION_LOST, url, null,
                    "The connection to Ollama at " + url + " broke while reading the answer (" + e.getMessage() + ")"
                    + (partial == null ? "" : " after " + partial.length() + " characters") + ". The server may "
                    + "have crashed or restarted; check its log and retry.", partial, e);
        };
    }

    /** A body or stream line that is not Ollama's JSON; {@code partial} is the text streamed before it, if any. */
    @Override
    public OllamaException malformed(String url, String body, Exception cause, String partial) {
        return new OllamaException(ProviderException.Kind.MALFORMED_RESPONSE, url, null, "The answer from " + url
                + " is not the JSON Ollama sends; it starts with: " + Texts.quote(body, MAX_QUOTE) + ". Check that "
                + "the URL points at an Ollama server and not at a proxy or another service.", partial, cause);
    }

    OllamaException streamError(String url, int code, String error, String partial) {
        return new OllamaException(ProviderException.Kind.STREAM_ERROR, url, code, "Ollama at " + url
                + " reported an error in the middle of the answer: " + error + " (" + partial.length()
                + " characters had arrived). Check the server log; the model may have run out of memory or crashed.",
                partial, null);
    }

    OllamaException incomplete(String url, int code, String partial) {
        return new OllamaException(ProviderException.Kind.INCOMPLETE_STREAM, url, code, "The answer from Ollama at "
                + url + " ended without its final \"done\": true object after " + partial.length() + " characters. "
                + "The server or a proxy closed the stream early; check the server log and retry.", partial, null);
    }

    OllamaException errorBody(String url, int code, String error) {
        return new OllamaException(ProviderException.Kind.SERVER_ERROR, url, code, "Ollama at " + url
                + " answered with an error: " + error, null, null);
    }

    OllamaException notDone(String url, int code, String body) {
        return new OllamaException(ProviderException.Kind.INCOMPLETE_STREAM, url, code, "The answer from Ollama at "
                + url + " is not marked \"done\": true: " + Texts.quote(body, MAX_QUOTE), null, null);
    }

    @Override
    public OllamaException noFreeSlot(String url) {
        return new OllamaException(ProviderException.Kind.TIMEOUT, url, null, "Waited "
                + Durations.format(timeouts.call()) + " for a free slot to call Ollama at " + url + ": other "
                + "requests were still running. Raise maxConcurrentRequests or the call timeout.", null, null);
    }

    OllamaException interrupted(String url, Exception cause) {
        return new OllamaException(ProviderException.Kind.INTERRUPTED, url, null,
                "The call to Ollama at " + url + " was interrupted.", null, cause);
    }
}
