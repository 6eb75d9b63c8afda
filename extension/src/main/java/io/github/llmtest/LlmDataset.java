package io.github.llmtest;

import io.github.llmtest.internal.SettingNames;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test method of an {@link LlmTest @LlmTest} class on every case of a dataset, in place of {@code @Test},
 * and decides the build by the share of cases that pass (the gate).
 *
 * <pre>{@code
 * @LlmTest
 * class ArithmeticWordProblemsTest {
 *     @LlmDataset(value = "/datasets/word-problems.jsonl", minAccuracy = 0.85, minAccuracyPerTag = 0.7)
 *     void solves(LlmCase c, Llm llm) {
 *         LlmAnswer answer = llm.ask(c.text("question"));
 *         assertThat(answer).finalNumber().isEqualByComparingTo(c.text("answer"));
 *     }
 * }
 * }</pre>
 *
 * <p>The dataset is a classpath resource or a file, read by its extension: JSON Lines ({@code .jsonl}: one object
 * per line), CSV with a header row ({@code .csv}) or YAML, a list of maps ({@code .yaml}, {@code .yml}). Each case is
 * an {@link LlmCase}: its fields, an optional {@code id} (else its line or row number) and optional {@code tags}. A
 * dataset that cannot be used (missing, malformed, a duplicate id, a CSV row with the wrong number of cells, no cases)
 * fails the test before any call, naming the file and line.
 *
 * <p>Every case is its own test named by its id: {@code solves(LlmCase, Llm)[q17]} in Surefire's XML with phrased
 * test case names ({@code usePhrasedTestCaseMethodName}), and its calls are recorded apart (the case's id is part of
 * every recording's key). The cases run when the first case's test starts, on its test instance, each with a
 * session of its own; then each case's test reports its own outcome, judged by the gate over all of them. In
 * {@code live}, {@code record} and {@code auto} modes the cases run concurrently, at most
 * {@value #DEFAULT_PARALLELISM} at a time ({@code -D}{@value #PARALLELISM_PARAMETER}{@code =N} to change it), so the
 * test method must not share mutable state between cases; the provider's own limit on requests in flight (Ollama 1
 * by default, OpenAI-compatible servers 4) still bounds what reaches the server. Recordings are written in case
 * order whatever order the answers came in, so a fixture file recorded twice from the same answers is the same
 * file. Replay runs the cases one after another: it makes no call.
 * What each case's test reports:
 * <ul>
 *   <li>a case that passed passes;</li>
 *   <li>a case whose assertions failed ({@link AssertionError}) is <em>aborted</em> (Surefire: skipped) with its own
 *   message and the gate's verdict when the gate holds ({@code failed; tolerated: 37 of 40 passed, 92.5% ≥ 85%}),
 *   and fails with the verdict when it does not;</li>
 *   <li>a case that threw anything else (a missing recording, an unreachable server, a missing field) is an error,
 *   never tolerated, and counts as failed for the gate.</li>
 * </ul>
 *
 * <p>With {@link CompareModels @CompareModels} on the same method every case runs on every model ({@code [phi4, q17]})
 * and each model's gate is judged apart; in live, record and auto modes every model's cases run together at the
 * first case's test, on a pool per server, so models on different servers overlap. {@code -D}{@value #LIMIT_PARAMETER}{@code =N} runs the first N cases,
 * {@code -D}{@value #FILTER_PARAMETER}{@code =tag} only the cases with that tag (both also JUnit configuration
 * parameters). Parameters of the method other than {@link LlmCase} and {@link Llm} are resolved once, for the
 * first case; {@link LlmServer} is not supported on a dataset method.
 *
 * <p>When a suite runs in shards ({@code -D}{@value LlmTest#SHARD_PARAMETER}{@code =2/4}), a dataset with at least as
 * many cases as there are shards is split: each shard runs its share of the cases (chosen by a hash of their ids,
 * the same on every machine) and judges the gate on them; {@code MergeReports} judges it again over all of them. A
 * smaller dataset runs whole on the shard of its class.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@TestTemplate
@ExtendWith(DatasetExtension.class)
@Tag(SettingNames.DATASET_TAG)
public @interface LlmDataset {

    /** Runs only the first N cases of every dataset (after the filter): a quick local check. */
    String LIMIT_PARAMETER = "llmtest.dataset.limit";
    /** Runs only the cases that carry this tag. */
    String FILTER_PARAMETER = "llmtest.dataset.filter";
    /** How many cases run at once in {@code live}, {@code record} and {@code auto} modes (at least 1). */
    String PARALLELISM_PARAMETER = "llmtest.dataset.parallelism";
    /** The cases that run at once when {@value #PARALLELISM_PARAMETER} is not set. */
    int DEFAULT_PARALLELISM = 8;

    /**
     * The dataset: a classpath resource ({@code /datasets/word-problems.jsonl}) or a file path, relative to the
     * working directory.
     *
     * @return the resource or file
     */
    String value();

    /**
     * The share of cases that must pass, from 0 to 1; 1 (the default) tolerates no failure.
     *
     * @return for example {@code 0.85}
     */
    double minAccuracy() default 1.0;

    /**
     * The share of cases that must pass within each tag, from 0 to 1; 0 (the default) judges no tag apart.
     *
     * @return for example {@code 0.7}
     */
    double minAccuracyPerTag() default 0.0;
}
