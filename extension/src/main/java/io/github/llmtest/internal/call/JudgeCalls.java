package io.github.llmtest.internal.call;

import io.github.llmtest.Llm;

/**
 * An {@link Llm} that can make a judge's calls, which the run report and the latency budget keep apart from the
 * answers under test. The extension's {@code Llm} implements it; a judge given any other {@code Llm} simply asks it.
 */
public interface JudgeCalls {

    /**
     * @param countedInLatency whether a latency budget counts the judge's calls
     * @return the same client, its calls marked as a judge's
     */
    Llm forJudge(boolean countedInLatency);
}
