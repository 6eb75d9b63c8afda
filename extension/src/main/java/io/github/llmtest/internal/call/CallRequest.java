package io.github.llmtest.internal.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.provider.ProviderType;

/**
 * What the pipeline needs to know of one call before serving it.
 *
 * @param type      the provider
 * @param canonical the canonical request, without sample and occurrence: the pipeline adds them and derives the key
 * @param model     the model as the caller named it, for messages
 * @param prompt    the last user message, for the answer and for messages
 * @param purpose   why the call is made
 */
public record CallRequest(ProviderType type, ObjectNode canonical, String model, String prompt, Purpose purpose) {
}
