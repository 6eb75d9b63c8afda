package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ProviderException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints clients call to look around rather than to generate: {@code /}, {@code /api/version},
 * {@code /api/tags}, {@code /api/ps}, {@code /api/show}, {@code /v1/models}. With a live upstream they are passed
 * through; in replay (and in auto mode when the upstream cannot be reached) they are answered from the models the
 * running test's recordings name, in the real servers' shapes.
 */
final class Probes {

    /** The version answered when the recordings name none. */
    static final String REPLAY_VERSION = "0.13.0";

    private Probes() {
    }

    /** @return true when the request was one of these endpoints and has been answered */
    static boolean answer(ServerExchange exchange, ServerScopes scopes) {
        String path = exchange.path;
        boolean get = exchange.method.equals("GET") || exchange.method.equals("HEAD");
        if (path.equals("/") && get) {
            exchange.sendText(200, "Ollama is running");
            return true;
        }
        boolean probe = get && (path.equals("/api/version") || path.equals("/api/tags") || path.equals("/api/ps")
                || path.equals("/v1/models") || path.startsWith("/v1/models/"))
                || exchange.method.equals("POST") && path.equals("/api/show");
        if (!probe) {
            return false;
        }
        ServerScopes.Resolution who = scopes.current();
        List<Interaction> recorded = who.attributed() ? who.scope().fixtureFile().all() : List.of();
        if (who.attributed() && who.scope().mode() != LlmMode.REPLAY && passedThrough(exchange, who.scope())) {
            return true;
        }
        synthesize(exchange, recorded);
        return true;
    }

    /** @return false when the upstream cannot be reached in auto mode, so the recordings answer instead */
    private static boolean passedThrough(ServerExchange exchange, ServerScope scope) {
        String provider = exchange.provider();
        try {
            byte[] body = exchange.method.equals("POST") ? exchange.body : null;
            scope.provider(provider).forward(exchange.path, body, null, exchange.credentials(),
                    (response, started, failures) -> {
                        exchange.send(response.code(), response.header("Content-Type", ServerExchange.JSON),
                                response.body().bytes());
                        return null;
                    });
            return true;
        } catch (ProviderException e) {
            if (scope.mode() == LlmMode.AUTO) {
                return false;
            }
            exchange.sendError(502, e.getMessage());
            return true;
        }
    }

    private static void synthesize(ServerExchange exchange, List<Interaction> recorded) {
        Map<String, Interaction> ollama = models(recorded, false);
        Map<String, Interaction> openai = models(recorded, true);
        switch (exchange.path) {
            case "/api/version" -> exchange.sendJson(200, Jsons.object().put("version", recorded.stream()
                    .map(Interaction::ollamaVersion).filter(v -> v != null).reduce((a, b) -> b)
                    .orElse(REPLAY_VERSION)));
            case "/api/tags" -> {
                ObjectNode tags = Jsons.object();
                ArrayNode models = tags.putArray("models");
                ollama.forEach((name, i) -> models.add(tag(name, i)));
                exchange.sendJson(200, tags);
            }
            case "/api/ps" -> {
                ObjectNode ps = Jsons.object();
                ps.putArray("models");
                exchange.sendJson(200, ps);
            }
            case "/api/show" -> show(exchange, recorded, ollama);
            case "/v1/models" -> {
                ObjectNode list = Jsons.object().put("object", "list");
                ArrayNode data = list.putArray("data");
                openai.forEach((name, i) -> data.add(openAiModel(name, i)));
                exchange.sendJson(200, list);
            }
            default -> {
                String id = exchange.path.substring("/v1/models/".length());
                Optional<Interaction> model = Optional.ofNullable(openai.get(id));
                if (model.isPresent()) {
                    exchange.sendJson(200, openAiModel(id, model.get()));
                } else {
                    exchange.sendError(404, "The model '" + id + "' does not exist: no recording of the running "
                            + "test names it");
                }
            }
        }
    }

    /** The models the recordings name, Ollama's with their tag ({@code phi4} is {@code phi4:latest}). */
    private static Map<String, Interaction> models(List<Interaction> recorded, boolean openai) {
        Map<String, Interaction> models = new LinkedHashMap<>();
        for (Interaction i : recorded) {
            boolean isOpenAi = "openai".equals(i.request().path("provider").asText());
            if (isOpenAi == openai) {
                models.putIfAbsent(openai ? i.model() : tagged(i.model()), i);
            }
        }
        return models;
    }

    private static String tagged(String model) {
        return model.contains(":") ? model : model + ":latest";
    }

    private static ObjectNode tag(String name, Interaction i) {
        ObjectNode node = Jsons.object().put("name", name).put("model", name)
                .put("modified_at", modified(i).toString()).put("size", 0)
                .put("digest", i.modelDigest() != null ? i.modelDigest() : sha256(name));
        node.set("details", details());
        return node;
    }

    private static ObjectNode details() {
        ObjectNode details = Jsons.object().put("parent_model", "").put("format", "gguf").put("family", "");
        details.putArray("families");
        return details.put("parameter_size", "").put("quantization_level", "");
    }

    private static void show(ServerExchange exchange, List<Interaction> recorded, Map<String, Interaction> ollama) {
        JsonNode body = exchange.json();
        String asked = body.path("model").asText(body.path("name").asText(""));
        Interaction model = ollama.get(tagged(asked));
        if (model == null) {
            exchange.sendJson(404, Jsons.object().put("error", "model '" + asked + "' not found"));
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
        show.put("modified_at", modified(model).toString());
        exchange.sendJson(200, show);
    }

    private static ObjectNode openAiModel(String id, Interaction i) {
        return Jsons.object().put("id", id).put("object", "model").put("created", modified(i).getEpochSecond())
                .put("owned_by", "llmtest");
    }

    private static Instant modified(Interaction i) {
        return i.recordedAt() != null ? i.recordedAt() : Instant.EPOCH;
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
