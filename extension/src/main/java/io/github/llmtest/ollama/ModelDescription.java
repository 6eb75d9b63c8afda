package io.github.llmtest.ollama;

import java.util.List;
import java.util.Map;

/**
 * What {@code POST /api/show} tells about a model.
 *
 * @param parameters        the Modelfile parameters as text, one per line
 * @param template          the prompt template
 * @param system            the Modelfile's system prompt, or empty
 * @param family            the model family, or {@code null}
 * @param parameterSize     for example {@code 14.7B}, or {@code null}
 * @param quantizationLevel for example {@code Q4_K_M}, or {@code null}
 * @param capabilities      for example {@code [completion]}
 * @param modelInfo         the GGUF metadata, values as JSON text
 */
public record ModelDescription(String parameters, String template, String system, String family,
                               String parameterSize, String quantizationLevel, List<String> capabilities,
                               Map<String, String> modelInfo) {
}
