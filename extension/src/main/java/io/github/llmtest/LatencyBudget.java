package io.github.llmtest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A latency budget for every LLM call of a test (or of every test in a class, when put on the class; a method's
 * budget replaces its class's). After the test, each call is checked; the failure names the call and the figure
 * that broke the budget. Model load is never counted. For replayed answers the recorded figures are checked, and
 * the failure says so.
 *
 * <pre>{@code
 * @Test
 * @LatencyBudget(total = "20s", firstToken = "2s", minTokensPerSecond = 10)
 * void fibonacci(Llm llm) { ... }
 * }</pre>
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
}
