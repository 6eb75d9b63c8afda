package io.github.llmtest;

import io.github.llmtest.internal.call.Purpose;

/**
 * One call a test made, kept for its latency budget and the run report.
 *
 * @param index    1 for the test's first call
 * @param answer   the answer
 * @param provider the provider's id
 * @param key      the interaction key
 * @param server   true for a call the application made through {@link LlmServer}
 * @param purpose  why the call was made (a judge's calls are left out of a latency budget unless counted)
 * @param sample   the {@code @Samples} index the call was made in, or null
 * @param request  the canonical request, as recorded
 * @param previous the recording this call's new recording replaced or sits next to, or null
 * @param answeredBy the model the server said answered, when another than asked for, or null
 */
record LlmCall(int index, LlmAnswer answer, String provider, String key, boolean server, Purpose purpose,
               Integer sample, com.fasterxml.jackson.databind.node.ObjectNode request,
               io.github.llmtest.internal.report.CallEntry.Previous previous, String answeredBy) {

    /** @return "call #3 (phi4, sample 2, "Find the 20th…")", for messages; samples counted from 1 */
    String describe() {
        return "call #" + index + " (" + answer.model()
                + (sample == null ? "" : ", " + io.github.llmtest.internal.report.SamplesEntry.label(sample)) + ", \""
                + io.github.llmtest.internal.Texts.head(answer.prompt(), 60) + "\")";
    }
}
