package io.github.llmtest;

import io.github.llmtest.internal.SettingNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Brings in llmtest: test and lifecycle methods may take an {@link Llm} parameter, and the class is tagged
 * {@code llm} so builds can select or exclude it. The class stays an ordinary JUnit test class (JUnit 5.10 or newer,
 * 6.x included): build tools count and name its tests as they do any other; to run a method once per model, use
 * {@link CompareModels @CompareModels} in place of {@code @Test}.
 *
 * <pre>{@code
 * @LlmTest
 * class Phi4MathTest {
 *     @Test
 *     void fibonacci(Llm llm) {
 *         LlmAnswer answer = llm.ask("Find the 20th value of the sequence: 1, 1, 2, 3, 5, 8, ...");
 *         assertThat(answer).boxedAnswer().isEqualTo("6765");
 *     }
 * }
 * }</pre>
 *
 * <p>Each setting comes from the first of: this annotation (on the method, then the class, then enclosing
 * classes), the JUnit configuration parameter (a system property or {@code junit-platform.properties}), the
 * environment variable, the default.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>parameter</th><th>environment</th><th>default</th></tr>
 *   <tr><td>{@value #MODE_PARAMETER}</td><td>{@value #MODE_ENV}</td><td>{@code replay} when {@code CI} is set,
 *       else {@code auto}</td></tr>
 *   <tr><td>{@value #MODEL_PARAMETER}</td><td>{@value #MODEL_ENV}</td><td>{@value #DEFAULT_MODEL}</td></tr>
 *   <tr><td>{@value #URL_PARAMETER}</td><td>{@code OLLAMA_HOST}</td><td>{@code http://127.0.0.1:11434}</td></tr>
 *   <tr><td>{@value #OPENAI_URL_PARAMETER}</td><td>{@code OPENAI_BASE_URL}</td>
 *       <td>{@code https://api.openai.com/v1}</td></tr>
 *   <tr><td>{@value #ANTHROPIC_URL_PARAMETER}</td><td>{@code ANTHROPIC_BASE_URL}</td>
 *       <td>{@code https://api.anthropic.com}</td></tr>
 *   <tr><td>{@value #FIXTURES_DIR_PARAMETER}</td><td></td><td>{@value #DEFAULT_FIXTURES_DIR}</td></tr>
 *   <tr><td>{@value #CONNECT_TIMEOUT_PARAMETER}, {@value #READ_TIMEOUT_PARAMETER},
 *       {@value #CALL_TIMEOUT_PARAMETER}</td><td></td><td>{@code 5s}, {@code 5m}, {@code 15m}</td></tr>
 *   <tr><td>{@value #OUTPUT_PARAMETER}</td><td></td><td>{@code failures} (print the calls of failing tests;
 *       {@code calls} prints every call, {@code none} nothing)</td></tr>
 *   <tr><td>{@value #TRANSCRIPTS_PARAMETER}</td><td></td><td>{@code failures} (a transcript of each failing
 *       test; {@code all}, {@code none})</td></tr>
 *   <tr><td>{@value #ATTACHMENTS_PARAMETER}</td><td></td><td>{@code junit} ({@code jenkins} also prints the
 *       {@code [[ATTACHMENT|…]]} line; {@code none})</td></tr>
 *   <tr><td>{@value #UNAVAILABLE_PARAMETER}</td><td></td><td>{@code fail} ({@code skip} skips tests that
 *       need a model they cannot reach)</td></tr>
 * </table>
 *
 * <p>Requests use reproducible defaults unless a test overrides them: temperature 0, seed 42, a context of 4096
 * tokens ({@link Llm#DEFAULT_OPTIONS}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(LlmExtension.class)
@Tag(SettingNames.LLM_TAG)
public @interface LlmTest {

    /** Configuration parameter for the mode: {@code live}, {@code record}, {@code replay} or {@code auto}. */
    String MODE_PARAMETER = SettingNames.MODE;
    /** Environment variable for the mode. */
    String MODE_ENV = SettingNames.MODE_ENV;
    /** Configuration parameter for the model. */
    String MODEL_PARAMETER = SettingNames.MODEL;
    /** Environment variable for the model. */
    String MODEL_ENV = SettingNames.MODEL_ENV;
    /** The model used when nothing else names one. */
    String DEFAULT_MODEL = SettingNames.DEFAULT_MODEL;
    /**
     * Configuration parameter for the model that embeds texts: {@link Llm#embed(String)} and
     * {@code isSemanticallySimilarTo}. An {@code openai:} prefix asks the OpenAI-compatible server.
     */
    String EMBEDDING_MODEL_PARAMETER = SettingNames.EMBEDDING_MODEL;
    /** Environment variable for the embedding model. */
    String EMBEDDING_MODEL_ENV = SettingNames.EMBEDDING_MODEL_ENV;
    /** The embedding model used when nothing else names one. */
    String DEFAULT_EMBEDDING_MODEL = SettingNames.DEFAULT_EMBEDDING_MODEL;
    /** Configuration parameter for Ollama's address; the {@code OLLAMA_HOST} environment variable comes next. */
    String URL_PARAMETER = SettingNames.OLLAMA_URL;
    /**
     * Configuration parameter for the base URL of the OpenAI-compatible server that models named
     * {@code openai:<model>} go to; the {@code OPENAI_BASE_URL} environment variable comes next, then
     * {@code https://api.openai.com/v1}. The key comes from the {@code OPENAI_API_KEY} environment variable only.
     */
    String OPENAI_URL_PARAMETER = SettingNames.OPENAI_URL;
    /**
     * Configuration parameter for the base URL of the server of Anthropic's Messages API that models named
     * {@code anthropic:<model>} go to; the {@code ANTHROPIC_BASE_URL} environment variable comes next, then
     * {@code https://api.anthropic.com}. The key comes from the {@code ANTHROPIC_API_KEY} environment variable only.
     */
    String ANTHROPIC_URL_PARAMETER = SettingNames.ANTHROPIC_URL;
    /**
     * Configuration parameter naming request fields that {@link LlmServer} leaves out of every recording's key, as
     * comma-separated JSON pointers into the request body ({@code *} for any name or index), such as
     * {@code /messages/0/content,/user}. A test adds its own with {@link LlmServer#ignoreFields(String...)}.
     */
    String SERVER_IGNORE_FIELDS_PARAMETER = SettingNames.SERVER_IGNORE_FIELDS;
    /** Configuration parameter for the fixture directory, relative to the working directory. */
    String FIXTURES_DIR_PARAMETER = SettingNames.FIXTURES_DIR;
    /** Where fixtures live by default: one file per test method below it. */
    String DEFAULT_FIXTURES_DIR = SettingNames.DEFAULT_FIXTURES_DIR;
    /** Configuration parameter: {@code fail} or {@code skip} when a live model is needed but unreachable. */
    String UNAVAILABLE_PARAMETER = SettingNames.UNAVAILABLE;
    /** Configuration parameter: how long to wait for a connection to Ollama (default {@code 5s}). */
    String CONNECT_TIMEOUT_PARAMETER = SettingNames.CONNECT_TIMEOUT;
    /** Configuration parameter: the longest silence while waiting for a chunk, model load included (default {@code 5m}). */
    String READ_TIMEOUT_PARAMETER = SettingNames.READ_TIMEOUT;
    /** Configuration parameter: the longest one call may take (default {@code 15m}). */
    String CALL_TIMEOUT_PARAMETER = SettingNames.CALL_TIMEOUT;
    /**
     * Configuration parameter: the most requests each model server gets at once in live, record and auto runs,
     * shared by every test class of the run: {@code 8} (every server), {@code ollama=2} (a provider),
     * {@code http://gpu-box:11434=8} (a base URL), or several separated by commas. The limit halves when the server
     * answers 429 or 503 and grows back after successes. Defaults: Ollama {@code OLLAMA_NUM_PARALLEL} (else 1),
     * OpenAI-compatible 16 (4 on this machine).
     */
    String CONCURRENCY_PARAMETER = SettingNames.CONCURRENCY;
    /** Configuration parameter for the run report's directory. */
    String REPORT_DIR_PARAMETER = SettingNames.REPORT_DIR;
    /**
     * Configuration parameter: which {@code [llmtest.call]} lines are printed on a test's output (and so kept in
     * Surefire's {@code <system-out>}): {@code failures} (the default) prints the calls of failing tests,
     * {@code calls} every call as it is made, {@code none} nothing. The run report has every call either way.
     */
    String OUTPUT_PARAMETER = SettingNames.OUTPUT;
    /**
     * Configuration parameter: the price table that gives each call a {@link Cost}, a file path or a class path
     * resource (default {@code llmtest-prices.json} on the test class path; without one, nothing has a price). A
     * malformed table fails the tests before any call, naming the file and the entry.
     */
    String PRICES_PARAMETER = SettingNames.PRICES;
    /**
     * Configuration parameter: the most the run's live calls may cost together, in US dollars ({@code 5}), priced by
     * the price table. Once reached, no new live call starts (calls in flight finish) and the tests that could not
     * call fail, saying the run's budget was spent. Replayed calls are never refused.
     */
    String BUDGET_USD_PARAMETER = SettingNames.BUDGET_USD;
    /**
     * Configuration parameter: a previous run's {@code report.json} (the last main build's, or one checked in as
     * {@code llm-baseline.json}) this run is compared with. The report gains "Since the baseline": per dataset and
     * model the cases that flipped each way and the exact McNemar p-value, per {@code @Samples} test the pass rates
     * and Fisher's exact p-value. For example {@code -Dllmtest.baseline=llm-baseline.json}.
     */
    String BASELINE_PARAMETER = SettingNames.BASELINE;
    /** Configuration parameter: the level a change since the baseline is significant at (default {@code 0.05}). */
    String BASELINE_ALPHA_PARAMETER = SettingNames.BASELINE_ALPHA;
    /**
     * Configuration parameter: {@code true} fails, for an {@code @LlmDataset} that regressed significantly since the
     * baseline, the invocations of the cases that passed there and fail now, naming the dataset, those cases and the
     * p-value (default {@code false}: reported only).
     */
    String BASELINE_FAIL_PARAMETER = SettingNames.BASELINE_FAIL;
    /**
     * System property (or environment variable {@code LLMTEST_SHARD}) that runs one shard of the suite's LLM tests,
     * {@code INDEX/COUNT} such as {@code -Dllmtest.shard=2/4}: the test classes whose names hash to it, and its share
     * of the cases of large datasets, the same on every machine. Not read from {@code junit-platform.properties}: the
     * test plan is cut before JUnit hands configuration to extensions.
     */
    String SHARD_PARAMETER = SettingNames.SHARD;
    /**
     * Configuration parameter: which tests get a transcript, one self-contained HTML page and its JSON under
     * {@code target/llmtest/transcripts/} holding every call of the test (request, thinking, answer, tool calls,
     * what was extracted, judge verdicts, latency) and its failure: {@code failures} (the default), {@code all} or
     * {@code none}.
     */
    String TRANSCRIPTS_PARAMETER = SettingNames.TRANSCRIPTS;
    /**
     * Configuration parameter: where a transcript is attached to its test. {@code junit} (the default) publishes it
     * through JUnit's file publishing on JUnit 5.12 and newer (IntelliJ, Gradle's test report, the Open Test
     * Reporting XML) and simply writes it on older versions; {@code jenkins} also prints
     * {@code [[ATTACHMENT|/path/to/transcript.html]]} on a failing test's output, the line Jenkins, GitLab and Azure
     * DevOps read from Surefire's XML; {@code none} only writes it.
     */
    String ATTACHMENTS_PARAMETER = SettingNames.ATTACHMENTS;

    /**
     * The model to ask, for example {@code phi4}, {@code llama3.2:3b} (Ollama) or {@code openai:gpt-4o} (an
     * OpenAI-compatible server); empty takes it from configuration.
     *
     * @return the model name or empty
     */
    String model() default "";

    /**
     * Whether to call the model, replay fixtures, or both.
     *
     * @return the mode; {@link LlmMode#DEFAULT} takes it from configuration
     */
    LlmMode mode() default LlmMode.DEFAULT;
}
