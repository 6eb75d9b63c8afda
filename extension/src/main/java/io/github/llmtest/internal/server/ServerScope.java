package io.github.llmtest.internal.server;

import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.Provider;

import java.util.List;

/**
 * What the server needs from the test a call is attributed to: its mode, its fixture file, the upstream servers
 * its settings name, and where to report what happened. The extension implements it, one per test invocation
 * (and one per class, for {@code @BeforeAll} methods).
 */
public interface ServerScope {

    /** @return the test, as {@code com.example.FooTest#method}, for messages */
    String testId();

    /** @return the test's mode */
    LlmMode mode();

    /**
     * @param provider {@code ollama} or {@code openai}
     * @return the client for the upstream server the test's settings name
     */
    Provider provider(String provider);

    /**
     * @param provider {@code ollama} or {@code openai}
     * @return the upstream base URL, for messages
     */
    String upstreamUrl(String provider);

    /** @return the test's fixture file, loaded on first use (empty in record mode) */
    FixtureFile fixtureFile();

    /**
     * @param baseKey the key of a request without its occurrence
     * @return how many times this request was served in the test before
     */
    int nextOccurrence(String baseKey);

    /**
     * Gives back an occurrence taken by a request that was not served, so that a client's retry counts as the
     * same request.
     *
     * @param baseKey the key of the request without its occurrence
     */
    void releaseOccurrence(String baseKey);

    /** @return the index of the {@code @Samples} sample running, or null */
    Integer sample();

    /** @return JSON pointers of request fields left out of the key, {@code *} standing for any name or index */
    List<String> ignoredFields();

    /**
     * Reports a call served from a recording or from the upstream server. It clears a problem reported for the
     * same request before: the client retried, and this time it worked.
     *
     * @param baseKey     the key of the request without its occurrence
     * @param interaction the interaction
     * @param replayed    true when served from the fixture file
     */
    void served(String baseKey, Interaction interaction, boolean replayed);

    /**
     * Reports a problem the test must fail with, even if the application swallowed the HTTP error it got,
     * unless a retry of the same request is served later.
     *
     * @param baseKey the key of the request without its occurrence, or any text unique to the problem
     * @param problem what went wrong, with its remedy
     */
    void failed(String baseKey, RuntimeException problem);

    /**
     * @param provider {@code ollama} or {@code openai}
     * @return the command that records this test
     */
    String recordCommand(String provider);
}
