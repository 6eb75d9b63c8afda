package io.github.llmtest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A latency budget for the LLM calls of a test (or of every test in a class, when put on the class; a method's
 * budget replaces its class's), judged after the test over all its calls, including every sample of a
 * {@link Samples @Samples} test. Model load is never counted. For replayed answers the recorded figures are
 * checked, and the failure says so.
 *
 * <p>By default every call must meet every target, and the failure names each call and figure that broke one:
 *
 * <pre>{@code
 * @Test
 * @LatencyBudget(total = "20s", firstToken = "2s", minTokensPerSecond = 10)
 * void fibonacci(Llm llm) { ... }
 * }</pre>
 *
 * <p>A single call is one draw from a noisy distribution, so a budget can be a percentile over many calls instead,
 * and can require a share of calls that met every target at once (goodput, as vLLM's benchmarks judge serving):
 *
 * <pre>{@code
 * @Test
 * @Samples(20)
 * @LatencyBudget(total = "20s", firstToken = "1s", interToken = "80ms", percentile = 95, minGoodput = 0.9)
 * void fibonacci(Llm llm) { ... }
 * }</pre>
 *
 * <p>Here the 95th percentile of each figure over the 20 calls must be within its target (for
 * {@link #minTokensPerSecond()}, the slowest 5% excepted), and at least 90% of the calls must meet all targets.
 * The failure names the percentile that broke, its value, the target and the worst calls. A call without a figure
 * (no time to first token for an answer that was not streamed) does not meet that figure's target.
 *
 * <p>Durations are written like {@code 500ms}, {@code 2s}, {@code 1.5s}, {@code 2m} or ISO-8601 ({@code PT2S}).
 * Requires {@link LlmTest @LlmTest}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface LatencyBudget {

    /**
     * The longest a call may take, model load excluded; empty for no limit.
     *
     * @return a duration such as {@code 20s}
     */
    String total() default "";

    /**
     * The longest until the first token, model load excluded; empty for no limit.
     *
     * @return a duration such as {@code 2s}
     */
    String firstToken() default "";

    /**
     * The slowest acceptable generation, in output tokens per second of generation time; 0 for no limit.
     *
     * @return tokens per second
     */
    double minTokensPerSecond() default 0;

    /**
     * The longest mean gap between the streamed pieces of an answer (inter-token latency), model load excluded;
     * empty for no limit.
     *
     * @return a duration such as {@code 80ms}
     */
    String interToken() default "";

    /**
     * Which percentile of each figure over the test's calls must be within its target: above 0, at most 100.
     * 100 (the default) means every call.
     *
     * @return a percentile such as {@code 95}
     */
    double percentile() default 100;

    /**
     * The smallest share of calls, from 0 to 1, that must meet every target at once; 0 (the default) for no
     * requirement.
     *
     * @return a share such as {@code 0.9}
     */
    double minGoodput() default 0;
}
