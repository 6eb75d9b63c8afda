package io.github.llmtest;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the body of an {@link LlmTest @LlmTest} test method several times inside one test, and passes the test when
 * enough of the runs (samples) pass: a stable verdict on a prompt whose answers vary.
 *
 * <pre>{@code
 * @Test
 * @Samples(value = 10, minPassRate = 0.9)
 * void summaryMentionsTheTotal(Llm llm) {
 *     LlmAnswer answer = llm.withOptions(Options.builder().temperature(0.7).build()).ask(PROMPT);
 *     assertThat(answer).finalNumber().isEqualByComparingTo("1638616.44");
 * }
 * }</pre>
 *
 * <p>Each sample has its own index and its own seed (the request's seed plus the index), so its requests differ and
 * its recordings are keyed apart: replay serves each sample from its own recording, and auto and record modes
 * record each. A sample passes when its body returns, and fails when it throws an {@link AssertionError}; any other
 * exception (a missing recording, an unreachable server) fails the test at once, since it says nothing about the
 * answers. The failure lists every failing sample with its own message and states the pass rate with a 95%
 * (Wilson) interval. Sampling at temperature 0 logs a warning, since the samples may then all be the same.
 *
 * <p>In live, record and auto modes the samples run concurrently (each with the method's {@link Llm} parameters
 * bound to a session of its own), up to the server's limit on requests in flight; the fixture file still holds them
 * in sample order. Replay, and a method that also takes an {@link LlmServer}, run them one after another on the
 * test's thread. Keep the body free of state shared between samples. With {@link CompareModels @CompareModels},
 * every model's samples run together at the first model's test, each model's on its own server's limit.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(SamplesExtension.class)
public @interface Samples {

    /** The most samples a test may take: enough for any pass rate worth measuring, few enough to notice a typo. */
    int MAX = 1000;


    /**
     * How many times the body runs; at least 1.
     *
     * @return the number of samples
     */
    int value();

    /**
     * The share of samples that must pass, from 0 to 1; by default every sample must pass.
     *
     * @return the minimum pass rate
     */
    double minPassRate() default 1.0;
}
