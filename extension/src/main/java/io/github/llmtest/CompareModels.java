package io.github.llmtest;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method of an {@link LlmTest @LlmTest} class once per model, in place of {@code @Test}: each run gets
 * an {@link Llm} for its model, is named after it ({@code [phi4]} below {@code fibonacci(Llm)}), records its answers
 * apart (the model is part of every recording's key), and the run report puts the models side by side.
 *
 * <pre>{@code
 * @LlmTest
 * class SeedComparisonTest {
 *     @CompareModels({"phi4", "llama3.2"})
 *     void fibonacci(Llm llm) {
 *         assertThat(llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...")).finalNumber()
 *                 .isEqualByComparingTo("6765");
 *     }
 * }
 * }</pre>
 *
 * <p>It is a JUnit test template, so it works on every supported JUnit version (5.10 and newer) and reports one test
 * per model. {@code @BeforeEach} methods that take an {@code Llm} get the same model as the run they precede. In
 * Maven Surefire's XML each test case is then named {@code fibonacci(Llm)[phi4]} when phrased test case names are
 * on ({@code usePhrasedTestCaseMethodName}, see the README, "Use it in your project"), and
 * {@code fibonacci(Llm)[1]} otherwise.
 *
 * <p>In {@code live}, {@code record} and {@code auto} modes the models run concurrently: when the first model's test
 * starts, every model's body (or samples, or dataset cases) runs ahead in a session of its own, on a pool per server
 * no larger than that server's limit ({@value LlmTest#CONCURRENCY_PARAMETER}), and each model's test then reports
 * its own outcome; recordings land in model order whatever order the answers came in. {@code @BeforeEach} and
 * {@code @AfterEach} methods then run around each model's test, not its body, and the bodies share the first
 * model's test instance. Replay, a test method that takes an {@link LlmServer}, and lifecycle methods that take an
 * {@code Llm} (or {@code LlmServer}) keep the models one after another.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(CompareModelsExtension.class)
public @interface CompareModels {

    /**
     * The models, each run as its own test, in this order; at least one, no blanks, no repeats.
     *
     * @return for example {@code {"phi4", "llama3.2"}}
     */
    String[] value();
}
