package io.github.llmtest.internal;

/**
 * The names of llmtest's settings, for every layer: configuration parameters (system properties,
 * {@code junit-platform.properties}) and environment variables. The public constants on {@code @LlmTest} are these
 * same values; the layers below the extension read them here, so that none of them depends on an annotation that
 * brings in the extension. Not API.
 */
public final class SettingNames {

    /** The tag {@code @LlmTest} puts on its tests, by which the run's listeners find them. */
    public static final String LLM_TAG = "llm";
    /** Configuration parameter for the mode: {@code live}, {@code record}, {@code replay} or {@code auto}. */
    public static final String MODE = "llmtest.mode";
    /** Environment variable for the mode. */
    public static final String MODE_ENV = "LLMTEST_MODE";
    /** Configuration parameter for the model. */
    public static final String MODEL = "llmtest.model";
    /** Environment variable for the model. */
    public static final String MODEL_ENV = "LLMTEST_MODEL";
    /** The model used when nothing else names one. */
    public static final String DEFAULT_MODEL = "phi4";
    /** Configuration parameter for the model that embeds texts ({@code llm.embed}, semantic similarity). */
    public static final String EMBEDDING_MODEL = "llmtest.embedding.model";
    /** Environment variable for the embedding model. */
    public static final String EMBEDDING_MODEL_ENV = "LLMTEST_EMBEDDING_MODEL";
    /** The embedding model used when nothing else names one. */
    public static final String DEFAULT_EMBEDDING_MODEL = "nomic-embed-text";
    /** Configuration parameter for Ollama's address. */
    public static final String OLLAMA_URL = "llmtest.ollama.url";
    /** Configuration parameter for the OpenAI-compatible server's base URL. */
    public static final String OPENAI_URL = "llmtest.openai.url";
    /** Configuration parameter for the base URL of the server of Anthropic's Messages API. */
    public static final String ANTHROPIC_URL = "llmtest.anthropic.url";
    /** Configuration parameter naming request fields {@code LlmServer} leaves out of keys. */
    public static final String SERVER_IGNORE_FIELDS = "llmtest.server.ignore-fields";
    /** Configuration parameter for the fixture directory. */
    public static final String FIXTURES_DIR = "llmtest.fixtures.dir";
    /** Where fixtures live by default. */
    public static final String DEFAULT_FIXTURES_DIR = "src/test/resources/llm-fixtures";
    /** Configuration parameter: {@code fail} or {@code skip} when a live model is needed but unreachable. */
    public static final String UNAVAILABLE = "llmtest.unavailable";
    /** Configuration parameter: how long to wait for a connection. */
    public static final String CONNECT_TIMEOUT = "llmtest.ollama.connect-timeout";
    /** Configuration parameter: the longest silence while waiting for a chunk. */
    public static final String READ_TIMEOUT = "llmtest.ollama.read-timeout";
    /** Configuration parameter: the longest one call may take. */
    public static final String CALL_TIMEOUT = "llmtest.ollama.call-timeout";
    /** Configuration parameter for the run report's directory. */
    public static final String REPORT_DIR = "llmtest.report.dir";
    /** Configuration parameter: which call lines are printed on a test's output. */
    public static final String OUTPUT = "llmtest.output";

    /** Configuration parameter: the price table, a file path or a class path resource. */
    public static final String PRICES = "llmtest.prices";
    /** The class path resource read as the price table when {@link #PRICES} is not set. */
    public static final String DEFAULT_PRICES = "llmtest-prices.json";

    /** Configuration parameter: the most a whole run's live calls may cost, in US dollars. */
    public static final String BUDGET_USD = "llmtest.budget.usd";

    /** Configuration parameter: a previous run's report.json this run is compared with. */
    public static final String BASELINE = "llmtest.baseline";
    /** Configuration parameter: the level a change since the baseline is significant at (default 0.05). */
    public static final String BASELINE_ALPHA = "llmtest.baseline.alpha";
    /** Configuration parameter: {@code true} to fail the cases of a significant regression since the baseline. */
    public static final String BASELINE_FAIL = "llmtest.baseline.fail";
    /** The default of {@link #BASELINE_ALPHA}. */
    public static final double DEFAULT_BASELINE_ALPHA = 0.05;
    /**
     * Configuration parameter: the most requests each model server gets at once, such as
     * {@code 8} or {@code ollama=2,openai=32,http://gpu-box:11434=8}.
     */
    public static final String CONCURRENCY = "llmtest.concurrency";
    /** The tag {@code @LlmDataset} puts on its tests, by which a shard keeps them to run its share of the cases. */
    public static final String DATASET_TAG = "llm-dataset";
    /** System property: which shard of the suite this run is, {@code INDEX/COUNT} such as {@code 2/4}. */
    public static final String SHARD = "llmtest.shard";
    /** Environment variable for the shard. */
    public static final String SHARD_ENV = "LLMTEST_SHARD";
    /** Configuration parameter: which tests get a transcript, {@code failures}, {@code all} or {@code none}. */
    public static final String TRANSCRIPTS = "llmtest.transcripts";
    /** Configuration parameter: where transcripts are attached, {@code junit}, {@code jenkins} or {@code none}. */
    public static final String ATTACHMENTS = "llmtest.attachments";

    private SettingNames() {
    }
}
