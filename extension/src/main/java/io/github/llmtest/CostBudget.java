package io.github.llmtest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A cost budget for the LLM calls of a test (or of each test in a class, when put on the class; a method's budget
 * replaces its class's), judged after the test over all its calls, every sample included. Costs come from the
 * run's price table ({@link LlmTest#PRICES_PARAMETER}); a call of a model without a price costs nothing known and
 * is not counted. The failure names the calls that cost most, their reasoning tokens' share shown apart.
 *
 * <pre>{@code
 * @Test
 * @CostBudget(maxUsd = 0.50)
 * void summarizesTheContract(Llm llm) { ... }
 * }</pre>
 *
 * <p>A replay run spends nothing, so by default replayed calls are not counted; with {@link #countRecorded()} their
 * cost as recorded is, which keeps a prompt from growing too dear between re-recordings. A judge's calls are the
 * evaluation's cost, not the application's: counted only with {@link #countJudges()}, and shown apart either way.
 * Requires {@link LlmTest @LlmTest}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
public @interface CostBudget {

    /**
     * The most the test's calls may cost together, in US dollars.
     *
     * @return dollars, at least 0
     */
    double maxUsd();

    /**
     * Whether replayed calls count, at the cost they had when recorded.
     *
     * @return false by default: a replay run spends nothing
     */
    boolean countRecorded() default false;

    /**
     * Whether a judge's calls count.
     *
     * @return false by default: a judge's cost is the evaluation's
     */
    boolean countJudges() default false;
}
