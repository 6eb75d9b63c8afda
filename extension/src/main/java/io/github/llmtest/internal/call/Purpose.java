package io.github.llmtest.internal.call;

/** Why a call was made: for the answer under test, or by a judge grading it. */
public enum Purpose {
    /** the answer under test */
    ANSWER,
    /** a judge's call, which a latency budget leaves out */
    JUDGE,
    /** a judge's call that the judge says counts in the latency budget */
    COUNTED_JUDGE;

    /** @return whether a latency budget counts the call */
    public boolean inLatency() {
        return this != JUDGE;
    }
}
