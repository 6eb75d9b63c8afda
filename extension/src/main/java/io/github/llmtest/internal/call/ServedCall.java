package io.github.llmtest.internal.call;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.provider.ProviderType;

/**
 * A call the pipeline served, as the session keeps it for the latency budget and the run report.
 *
 * @param answer   the answer
 * @param type     the provider
 * @param key      the interaction key
 * @param server   true for a call an application made through {@code LlmServer}
 * @param purpose  why the call was made: a judge's calls are left out of a latency budget unless counted
 * @param sample   the {@code @Samples} index, or null
 * @param request  the canonical request, as recorded
 * @param replaced the recording this call's new recording replaced, for answer drift, or null
 * @param answeredBy the model the server said answered, when another than asked for, or null
 */
public record ServedCall(LlmAnswer answer, ProviderType type, String key, boolean server, Purpose purpose,
                         Integer sample, ObjectNode request, FixtureFile.Replaced replaced,
                         String answeredBy) {
}
