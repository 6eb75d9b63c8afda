package io.github.llmtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.call.CallPipeline;
import io.github.llmtest.internal.call.CallRequest;
import io.github.llmtest.internal.call.Channel;
import io.github.llmtest.internal.call.Purpose;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.RecordedRoute;
import io.github.llmtest.internal.provider.Relay;
import io.github.llmtest.internal.provider.Route;
import org.junit.platform.commons.PreconditionViolationException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Llm#embed}: one call to the provider's embeddings endpoint ({@code /api/embed}, {@code /v1/embeddings})
 * through the {@link CallPipeline}. The request is the body an application would send there
 * ({@code {"model", "input": [...]}}), so its key is the one {@code LlmServer} gives the same request; the
 * recording keeps the whole response, its vectors stored compactly, and replay reads the vectors back from it.
 */
final class EmbeddingCalls {

    private EmbeddingCalls() {
    }

    /**
     * @param context for the configuration parameter, or null to read only the environment
     * @return the embedding model the settings name: parameter, environment variable, default
     */
    static String configuredModel(org.junit.jupiter.api.extension.ExtensionContext context) {
        Optional<String> parameter = context == null ? Optional.empty()
                : context.getConfigurationParameter(SettingNames.EMBEDDING_MODEL).filter(m -> !m.isBlank());
        String model = parameter.orElseGet(() -> {
            String env = System.getenv(SettingNames.EMBEDDING_MODEL_ENV);
            return env == null || env.isBlank() ? SettingNames.DEFAULT_EMBEDDING_MODEL : env;
        });
        try {
            return ModelName.check(model.strip());
        } catch (RuntimeException e) {
            throw new PreconditionViolationException("The embedding model (" + SettingNames.EMBEDDING_MODEL + " or "
                    + SettingNames.EMBEDDING_MODEL_ENV + ") is not a model name: " + e.getMessage(), e);
        }
    }

    static List<Embedding> embed(TestSession session, String model, List<String> texts, Purpose purpose) {
        ModelName name = ModelName.parse(model);
        Route route = name.provider().routes().stream().filter(r -> r.kind() == Route.Kind.EMBED).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The provider of " + model + " has no embeddings "
                        + "endpoint; name a model of a provider that has one, such as nomic-embed-text (Ollama) or "
                        + "openai:text-embedding-3-small"));
        ObjectNode body = Jsons.object().put("model", name.model());
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        ObjectNode canonical = Jsons.object().put("endpoint", route.path());
        name.provider().mark(canonical);
        canonical.setAll(body.deepCopy());
        JsonNode[] answer = new JsonNode[1];
        CallRequest request = new CallRequest(name.provider(), canonical, model, String.join(" | ", texts), purpose);
        CallPipeline.call(session, request, new Channel() {
            @Override
            public boolean viaServer() {
                return false;
            }

            @Override
            public void live(Provider live, Answered answered) {
                byte[] bytes = Jsons.compact(body).getBytes(StandardCharsets.UTF_8);
                live.forward(route.path(), bytes, name.model(), Map.of(), (response, started, failures) -> {
                    if (!response.isSuccessful()) {
                        throw failures.status(response, response.request().url().toString(), 1);
                    }
                    String text = response.body().string();
                    long wall = System.nanoTime() - started;
                    JsonNode json;
                    try {
                        json = RecordedRoute.object(text);
                        check(route, json, texts.size());
                    } catch (Relay.Unrecordable e) {
                        throw new IllegalStateException("The embeddings answer of " + model + " from "
                                + response.request().url() + " cannot be read, so it was not recorded: "
                                + e.getMessage(), e);
                    }
                    answered.answered(route.readWhole(json, wall), json, null);
                    answer[0] = json;
                    return null;
                });
            }

            @Override
            public void replay(Interaction recorded) {
                answer[0] = recorded.body();
            }

            @Override
            public void refuse(int status, RuntimeException problem) {
                throw problem;
            }
        });
        if (answer[0] == null) {
            throw new FixtureException("The recording of " + model + "'s embeddings of \""
                    + io.github.llmtest.internal.Texts.head(request.prompt(), 80) + "\" in "
                    + session.fixtureFile().path() + " has no \"response\".\"body\" with the vectors. Record the "
                    + "test again, or add the body (" + route.path() + "'s answer) to the recording.");
        }
        List<float[]> vectors;
        try {
            vectors = check(route, answer[0], texts.size());
        } catch (Relay.Unrecordable e) {
            throw new FixtureException("The recording of " + model + "'s embeddings in "
                    + session.fixtureFile().path() + " cannot be read: " + e.getMessage() + ". Record the test "
                    + "again.", e);
        }
        List<Embedding> embeddings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            embeddings.add(new Embedding(texts.get(i), model, vectors.get(i)));
        }
        return List.copyOf(embeddings);
    }

    private static List<float[]> check(Route route, JsonNode json, int inputs) {
        List<float[]> vectors = route.vectors(json);
        if (vectors.size() != inputs) {
            throw new Relay.Unrecordable("it holds " + vectors.size() + " vectors for " + inputs + " inputs");
        }
        int dimensions = vectors.get(0).length;
        for (float[] vector : vectors) {
            if (vector.length != dimensions) {
                throw new Relay.Unrecordable("its vectors differ in length (" + dimensions + " and " + vector.length
                        + ")");
            }
        }
        return vectors;
    }
}
