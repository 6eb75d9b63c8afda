package io.github.llmtest;

import io.github.llmtest.internal.provider.Timeouts;
import io.github.llmtest.internal.ollama.OllamaClient;
import io.github.llmtest.internal.ollama.OllamaType;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.ollama.OllamaException;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import java.time.Duration;
import java.util.Optional;

/** Evaluates {@link EnabledIfOllamaAvailable}: one probe per address and model per run. */
final class OllamaAvailableCondition implements ExecutionCondition {

    private static final ProviderType OLLAMA = ProviderTypes.byId(OllamaType.ID).orElseThrow();

    /** A probe must not hold up a run: a short connect and read, the default limit for the whole call. */
    private static final Timeouts PROBE_TIMEOUTS = new Timeouts(Duration.ofSeconds(2),
            Duration.ofSeconds(10), Timeouts.DEFAULT.call());

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<EnabledIfOllamaAvailable> annotation = context.getElement()
                .flatMap(e -> AnnotationSupport.findAnnotation(e, EnabledIfOllamaAvailable.class));
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @EnabledIfOllamaAvailable here");
        }
        Settings settings = Settings.of(context);
        Settings.Connection ollama = settings.connection(OLLAMA);
        String model = annotation.get().model().isBlank() ? settings.model() : annotation.get().model();
        return ExtensionStore.computeIfAbsent(ExtensionStore.root(context),
                ExtensionStore.availabilityKey(ollama.url().plain(), model), () -> probe(ollama, model),
                ConditionEvaluationResult.class);
    }

    static ConditionEvaluationResult probe(Settings.Connection ollama, String model) {
        try (OllamaClient client = OllamaClient.builder().baseUrl(ollama.url()).apiKey(ollama.apiKey())
                .timeouts(PROBE_TIMEOUTS).build()) {
            String version = client.version();
            boolean pulled = client.tags().stream().anyMatch(m -> m.matches(model));
            if (!pulled) {
                return ConditionEvaluationResult.disabled("Ollama " + version + " at " + ollama.url()
                        + " does not have the model " + model + " (run `ollama pull " + model + "`)");
            }
            return ConditionEvaluationResult.enabled("Ollama " + version + " at " + ollama.url() + " has "
                    + model);
        } catch (OllamaException e) {
            return ConditionEvaluationResult.disabled("Ollama is not running at " + ollama.url()
                    + " (start it with `ollama serve`, or set OLLAMA_HOST): " + e.getMessage());
        }
    }
}
