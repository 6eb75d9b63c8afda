package io.github.llmtest.internal.call;

import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.cost.Prices;
import io.github.llmtest.internal.cost.RunBudget;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Readiness;

import java.util.List;

/**
 * One test invocation (or one class, for {@code @BeforeAll} methods) as the {@link CallPipeline} sees it: its
 * mode, fixture file and upstream servers, the counters that tell identical requests apart, and where served calls
 * and problems go. The extension implements it and keeps it in JUnit's store; {@code LlmServer} finds the running
 * test's session when a call arrives.
 */
public interface CallSession extends Extractions.Log {

    /** @return the test, as {@code com.example.FooTest#method}, for messages */
    String testId();

    /** @return the test's mode */
    LlmMode mode();

    /** @return the test's fixture file, loaded on first use (empty in record mode) */
    FixtureFile fixtureFile();

    /**
     * @param type a provider
     * @return the client for the server the test's settings name for it
     */
    Provider provider(ProviderType type);

    /**
     * Checks the server and loads the model once per run, before the first live call of a test.
     *
     * @param type  the provider
     * @param model the model, as the provider knows it
     * @return what was learnt
     * @throws io.github.llmtest.internal.provider.ProviderException when the server or the model is not there
     */
    Readiness ready(ProviderType type, String model);

    /**
     * @param type a provider
     * @return the server's base URL the test's settings name, for messages
     */
    String upstreamUrl(ProviderType type);

    /** @return the command that records this test, such as {@code mvn test -Dtest='FooTest#bar' -Dllmtest.mode=record} */
    String recordCommand();

    /** @return whether a model that cannot be reached skips the test ({@code llmtest.unavailable=skip}) */
    boolean skipWhenUnavailable();

    /** @return the index of the {@code @Samples} sample running, or null */
    Integer sample();

    /**
     * @return the id of the {@code @LlmDataset} case running, or null: part of every key, so that each case is
     * recorded and replayed apart
     */
    default String datasetCase() {
        return null;
    }

    /**
     * An interaction was recorded into {@link #fixtureFile()} under {@code key}; a dataset's cases, recorded
     * concurrently, use it to put their recordings in case order.
     *
     * @param key the interaction's key
     */
    default void recorded(String key) {
    }

    /**
     * @param baseKey the canonical request without its occurrence
     * @return 0 the first time this request is made in the test (or sample), then 1, 2, ...
     */
    int nextOccurrence(String baseKey);

    /**
     * Gives back an occurrence taken by a request that was not served, so that a retry counts as the same request.
     *
     * @param baseKey the canonical request without its occurrence
     */
    void releaseOccurrence(String baseKey);

    /** @return JSON pointers of request fields {@code LlmServer} leaves out of keys */
    List<String> ignoredFields();

    /**
     * A call was served: it clears a problem reported for the same request before (the client retried).
     *
     * @param baseKey the canonical request without its occurrence
     * @param call    what to keep for the report and the latency budget, or null for a call that answered with
     *                data rather than an answer (embeddings)
     */
    void served(String baseKey, ServedCall call);

    /**
     * A problem the test must fail with, even if the application swallowed the HTTP error it got, unless a retry of
     * the same request is served later.
     *
     * @param baseKey the canonical request without its occurrence, or any text unique to the problem
     * @param problem what went wrong, with its remedy
     */
    void failed(String baseKey, RuntimeException problem);

    /** @return the run's price table, which gives each answer its cost; none by default */
    default Prices prices() {
        return Prices.NONE;
    }

    /** @return the run's budget for live calls; none by default */
    default RunBudget runBudget() {
        return RunBudget.NONE;
    }
}
