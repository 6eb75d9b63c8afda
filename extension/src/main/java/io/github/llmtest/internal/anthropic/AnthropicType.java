package io.github.llmtest.internal.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.provider.AdaptiveLimit;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Recording;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.Route;
import io.github.llmtest.internal.provider.Timeouts;

import java.util.List;

/**
 * Anthropic's Messages API (Claude, and llama.cpp's {@code llama-server}): models named {@code anthropic:<model>},
 * at {@code ANTHROPIC_BASE_URL} with the key in {@code ANTHROPIC_API_KEY}. {@code LlmServer} serves
 * {@code /v1/messages}; it answers no probe ({@code /v1/models} is the OpenAI-compatible API's there).
 */
public final class AnthropicType implements ProviderType {

    /** The id: the model prefix, and the mark on every canonical request of this provider. */
    public static final String ID = "anthropic";

    private static final List<Route> ROUTES = List.of(new AnthropicRoute());

    /** Made by the service loader. */
    public AnthropicType() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String serverName() {
        return "the Anthropic server";
    }

    @Override
    public String urlParameter() {
        return SettingNames.ANTHROPIC_URL;
    }

    @Override
    public String urlVariable() {
        return "ANTHROPIC_BASE_URL";
    }

    @Override
    public String keyVariable() {
        return AnthropicFailures.KEY_VARIABLE;
    }

    @Override
    public BaseUrl baseUrl(String configured) {
        return BaseUrl.of(AnthropicClient.normalizeBaseUrl(configured == null ? AnthropicClient.DEFAULT_URL
                : configured));
    }

    @Override
    public Provider client(BaseUrl url, String apiKey, Timeouts timeouts, AdaptiveLimit limit) {
        return AnthropicClient.builder().baseUrl(url).apiKey(apiKey).timeouts(timeouts).limit(limit).build();
    }

    @Override
    public String recordAdvice(String upstreamUrl) {
        return "Record it against the Anthropic server (" + upstreamUrl + ") with the key in the environment:";
    }

    @Override
    public String recordPrefix() {
        return AnthropicFailures.KEY_VARIABLE + "=… ";
    }

    /** {@code /v1/messages} and below it ({@code count_tokens}, {@code batches}); the rest of {@code /v1} is not. */
    @Override
    public boolean serves(String path) {
        return path.equals(AnthropicClient.ENDPOINT) || path.startsWith(AnthropicClient.ENDPOINT + "/");
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    /** The API's error shape: {@code {"type":"error","error":{"type":"...","message":"..."}}}. */
    @Override
    public JsonNode errorBody(int status, String message) {
        String type = switch (status) {
            case 400, 409, 422 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
        ObjectNode error = Jsons.object().put("type", "error");
        error.putObject("error").put("type", type).put("message", message);
        return error;
    }

    @Override
    public boolean isProbe(String method, String path) {
        return false;
    }

    @Override
    public void answerProbe(String path, JsonNode body, List<? extends Recording> recorded, Reply reply) {
        reply.sendJson(404, errorBody(404, "llmtest answers no probe of the Messages API: " + path));
    }
}
