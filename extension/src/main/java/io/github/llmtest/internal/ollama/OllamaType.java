package io.github.llmtest.internal.ollama;

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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ollama: the default provider ({@code phi4}, {@code ollama:phi4}), at {@code OLLAMA_HOST}. {@code LlmServer}
 * serves its {@code /api/chat}, {@code /api/generate} and {@code /api/embed}, and answers its probes
 * ({@code /}, {@code /api/version}, {@code /api/tags}, {@code /api/ps}, {@code /api/show}) from the recordings.
 */
public final class OllamaType implements ProviderType {

    /** The id, and the optional model prefix. */
    public static final String ID = "ollama";
    /** The version answered when the recordings name none. */
    public static final String REPLAY_VERSION = "0.13.0";

    private static final List<Route> ROUTES = List.of(new OllamaRoute("/api/chat", Route.Kind.CHAT),
            new OllamaRoute("/api/generate", Route.Kind.GENERATE), new OllamaRoute("/api/embed", Route.Kind.EMBED));

    /** Made by the service loader. */
    public OllamaType() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean isDefault() {
        return true;
    }

    @Override
    public String serverName() {
        return "Ollama";
    }

    /** Spring AI's and Quarkus LangChain4j's Ollama base URL: both take {@code LlmServer}'s Ollama URL. */
    @Override
    public Map<String, String> frameworkUrlSettings() {
        return Map.of("spring.ai.ollama.base-url", "llmtest.server.ollama-url",
                "quarkus.langchain4j.ollama.base-url", "llmtest.server.ollama-url");
    }

    @Override
    public String urlParameter() {
        return "llmtest.ollama.url";
    }

    @Override
    public String urlVariable() {
        return OllamaHost.ENV_VARIABLE;
    }

    @Override
    public String keyVariable() {
        return OllamaClient.API_KEY_VARIABLE;
    }

    @Override
    public BaseUrl baseUrl(String configured) {
        return BaseUrl.of(OllamaHost.resolve(configured));
    }

    @Override
    public Provider client(BaseUrl url, String apiKey, Timeouts timeouts, AdaptiveLimit limit) {
        return OllamaClient.builder().baseUrl(url).apiKey(apiKey).timeouts(timeouts).limit(limit).build();
    }

    /**
     * Ollama answers {@code OLLAMA_NUM_PARALLEL} requests to a model at once and queues the rest, and the time in
     * its queue would count in each answer's latency: so as many as this machine's {@code OLLAMA_NUM_PARALLEL} says
     * (a local server reads the same environment), else 1, Ollama's own default since 0.9.7.
     */
    @Override
    public int defaultConcurrency(BaseUrl url) {
        return numParallel(System.getenv(NUM_PARALLEL));
    }

    /** The environment variable of the requests Ollama serves at once. */
    static final String NUM_PARALLEL = "OLLAMA_NUM_PARALLEL";

    /** @return the value when it is a whole number of at least 1, else 1 */
    static int numParallel(String value) {
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    @Override
    public void mark(ObjectNode canonical) {
        // Ollama's requests carry no mark, as in every fixture written so far
    }

    @Override
    public boolean owns(JsonNode canonical) {
        return !canonical.has("provider") || ID.equals(canonical.path("provider").asText());
    }

    @Override
    public String recordAdvice(String upstreamUrl) {
        return "Record it against a running Ollama with:";
    }

    @Override
    public String recordPrefix() {
        return "";
    }

    @Override
    public boolean serves(String path) {
        return !path.startsWith("/v1/") && !path.equals("/v1");
    }

    @Override
    public List<Route> routes() {
        return ROUTES;
    }

    @Override
    public JsonNode errorBody(int status, String message) {
        return Jsons.object().put("error", message);
    }

    @Override
    public boolean isProbe(String method, String path) {
        boolean get = method.equals("GET") || method.equals("HEAD");
        return get && (path.equals("/") || path.equals("/api/version") || path.equals("/api/tags")
                || path.equals("/api/ps")) || method.equals("POST") && path.equals("/api/show");
    }

    /** "Ollama is running" is answered by llmtest's server itself, whatever the mode. */
    @Override
    public boolean passesOn(String path) {
        return !path.equals("/");
    }

    @Override
    public void answerProbe(String path, JsonNode body, List<? extends Recording> recorded, Reply reply) {
        Map<String, Recording> models = models(recorded);
        switch (path) {
            case "/" -> reply.sendText(200, "Ollama is running");
            case "/api/version" -> reply.sendJson(200, Jsons.object().put("version", recorded.stream()
                    .map(Recording::ollamaVersion).filter(Objects::nonNull).reduce((a, b) -> b)
                    .orElse(REPLAY_VERSION)));
            case "/api/tags" -> {
                ObjectNode tags = Jsons.object();
                ArrayNode list = tags.putArray("models");
                models.forEach((name, i) -> list.add(tag(name, i)));
                reply.sendJson(200, tags);
            }
            case "/api/ps" -> {
                ObjectNode ps = Jsons.object();
                ps.putArray("models");
                reply.sendJson(200, ps);
            }
            default -> show(body, recorded, models, reply);
        }
    }

    /** The models the recordings name, with their tag ({@code phi4} is {@code phi4:latest}). */
    private Map<String, Recording> models(List<? extends Recording> recorded) {
        Map<String, Recording> models = new LinkedHashMap<>();
        for (Recording i : recorded) {
            if (owns(i.request())) {
                models.putIfAbsent(tagged(i.model()), i);
            }
        }
        return models;
    }

    private static String tagged(String model) {
        return model.contains(":") ? model : model + ":latest";
    }

    private static ObjectNode tag(String name, Recording i) {
        ObjectNode node = Jsons.object().put("name", name).put("model", name)
                .put("modified_at", Replies.modified(i).toString()).put("size", 0)
                .put("digest", i.modelDigest() != null ? i.modelDigest() : sha256(name));
        node.set("details", details());
        return node;
    }

    private static ObjectNode details() {
        ObjectNode details = Jsons.object().put("parent_model", "").put("format", "gguf").put("family", "");
        details.putArray("families");
        return details.put("parameter_size", "").put("quantization_level", "");
    }

    private static void show(JsonNode body, List<? extends Recording> recorded, Map<String, Recording> models,
                             Reply reply) {
        String asked = body == null ? "" : body.path("model").asText(body.path("name").asText(""));
        Recording model = models.get(tagged(asked));
        if (model == null) {
            reply.sendJson(404, Jsons.object().put("error", "model '" + asked + "' not found"));
            return;
        }
        ObjectNode show = Jsons.object().put("license", "").put("modelfile", "").put("parameters", "")
                .put("template", "");
        show.set("details", details());
        show.putObject("model_info");
        ArrayNode capabilities = show.putArray("capabilities");
        capabilities.add("completion");
        String name = model.model();
        if (recorded.stream().anyMatch(i -> i.model().equals(name) && i.request().has("tools"))) {
            capabilities.add("tools");
        }
        if (recorded.stream().anyMatch(i -> i.model().equals(name) && i.thinking() != null)) {
            capabilities.add("thinking");
        }
        show.put("modified_at", Replies.modified(model).toString());
        reply.sendJson(200, show);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
