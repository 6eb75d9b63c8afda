package io.github.llmtest.internal.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.AdaptiveLimit;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Recording;
import io.github.llmtest.internal.provider.Replies;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.Route;
import io.github.llmtest.internal.provider.Timeouts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, Ollama's {@code /v1}): models named {@code openai:<model>},
 * at {@code OPENAI_BASE_URL}. {@code LlmServer} serves {@code /v1/chat/completions} and {@code /v1/embeddings},
 * and answers {@code /v1/models} from the recordings.
 */
public final class OpenAiType implements ProviderType {

    /** The id: the model prefix, and the mark on every canonical request of this provider. */
    public static final String ID = "openai";

    private static final List<Route> ROUTES = List.of(new OpenAiRoute(OpenAiClient.ENDPOINT, Route.Kind.CHAT),
            new OpenAiRoute("/v1/embeddings", Route.Kind.EMBED));

    /** Made by the service loader. */
    public OpenAiType() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String serverName() {
        return "the OpenAI-compatible server";
    }

    /**
     * Spring AI's OpenAI base URL (it appends {@code /v1/chat/completions} itself: {@code LlmServer}'s root URL) and
     * Quarkus LangChain4j's (with {@code /v1}).
     */
    @Override
    public Map<String, String> frameworkUrlSettings() {
        return Map.of("spring.ai.openai.base-url", "llmtest.server.ollama-url",
                "quarkus.langchain4j.openai.base-url", "llmtest.server.openai-url");
    }

    @Override
    public String urlParameter() {
        return "llmtest.openai.url";
    }

    @Override
    public String urlVariable() {
        return "OPENAI_BASE_URL";
    }

    @Override
    public String keyVariable() {
        return OpenAiFailures.KEY_VARIABLE;
    }

    @Override
    public BaseUrl baseUrl(String configured) {
        return BaseUrl.of(OpenAiClient.normalizeBaseUrl(configured == null ? OpenAiClient.DEFAULT_URL : configured));
    }

    @Override
    public Provider client(BaseUrl url, String apiKey, Timeouts timeouts, AdaptiveLimit limit) {
        return OpenAiClient.builder().baseUrl(url).apiKey(apiKey).timeouts(timeouts).limit(limit).build();
    }

    /**
     * A hosted API serves many requests at once (its rate limits, answered with 429 and {@code retry-after}, are
     * what bounds a client, and the limit halves on them): 16. A server on this machine (llama.cpp's server has 4
     * slots by default; vLLM batches what it gets on one GPU) gets 4.
     */
    @Override
    public int defaultConcurrency(BaseUrl url) {
        String host = java.net.URI.create(url.plain()).getHost();
        boolean local = host == null || host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")
                || host.equals("::1");
        return local ? 4 : 16;
    }

    @Override
    public String recordAdvice(String upstreamUrl) {
        return "Record it against the OpenAI-compatible server (" + upstreamUrl + ") with the key in the environment:";
    }

    @Override
    public String recordPrefix() {
        return OpenAiFailures.KEY_VARIABLE + "=… ";
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith("/v1/") || path.equals("/v1");
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public JsonNode errorBody(int status, String message) {
        ObjectNode error = Jsons.object();
        error.putObject("error").put("message", message)
                .put("type", status >= 500 ? "api_error" : "invalid_request_error").putNull("param")
                .put("code", "llmtest");
        return error;
    }

    @Override
    public boolean isProbe(String method, String path) {
        return (method.equals("GET") || method.equals("HEAD"))
                && (path.equals("/v1/models") || path.startsWith("/v1/models/"));
    }

    @Override
    public void answerProbe(String path, JsonNode body, List<? extends Recording> recorded, Reply reply) {
        Map<String, Recording> models = new LinkedHashMap<>();
        for (Recording i : recorded) {
            if (owns(i.request())) {
                models.putIfAbsent(i.model(), i);
            }
        }
        if (path.equals("/v1/models")) {
            ObjectNode list = Jsons.object().put("object", "list");
            ArrayNode data = list.putArray("data");
            models.forEach((name, i) -> data.add(model(name, i)));
            reply.sendJson(200, list);
            return;
        }
        String id = path.substring("/v1/models/".length());
        Recording model = models.get(id);
        if (model != null) {
            reply.sendJson(200, model(id, model));
        } else {
            reply.sendJson(404, errorBody(404, "The model '" + id + "' does not exist: no recording of the running "
                    + "test names it"));
        }
    }

    private static ObjectNode model(String id, Recording i) {
        return Jsons.object().put("id", id).put("object", "model")
                .put("created", Replies.modified(i).getEpochSecond()).put("owned_by", "llmtest");
    }
}
