package io.github.llmtest;

import io.github.llmtest.internal.Instants;
import io.github.llmtest.internal.call.CallSession;
import io.github.llmtest.internal.call.ServedCall;
import io.github.llmtest.internal.cost.Prices;
import io.github.llmtest.internal.cost.RunBudget;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Fixtures;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Readiness;
import io.github.llmtest.internal.report.CallEntry;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One test invocation (or one class, for {@code @BeforeAll} methods): the {@link CallSession} every call of the
 * test goes through, kept in JUnit's store under the test's unique id. It holds the test's settings and fixture
 * file, the counters that tell identical requests apart, the calls served (for the latency budget and the run
 * report) with what assertions extracted from their answers, and the problems of the application's calls.
 */
final class TestSession implements CallSession, io.github.llmtest.internal.call.Embedder {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    /**
     * What an assertion extracted from one answer.
     *
     * @param what  for example {@code boxed answer}
     * @param value what was extracted, or a note that nothing was
     */
    record Extracted(String what, String value) {
    }

    private final Settings settings;
    private final String testId;
    private final String recordCommand;
    private final Path fixturePath;
    private final Fixtures fixtures;
    private final LiveSession live;
    private final ExtensionContext context;
    private final Prices prices;
    private final RunBudget runBudget;
    private final ConcurrentMap<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final List<LlmCall> calls = new CopyOnWriteArrayList<>();
    private final List<LlmCall> unpublished = new CopyOnWriteArrayList<>();
    private final Map<String, RuntimeException> serverProblems = new LinkedHashMap<>();
    private final Map<LlmAnswer, List<Extracted>> extracted = new IdentityHashMap<>();
    /** Request fields {@link LlmServer} leaves out of keys: the configured ones, then the test's own. */
    private final List<String> ignoredFields = new CopyOnWriteArrayList<>();
    private final AtomicInteger callCount = new AtomicInteger();
    private volatile Integer sample;
    /** The dataset case this session runs, or null. */
    private volatile String datasetCase;
    /** While a dataset runs its cases ahead of their tests, their report entries wait here (key, value). */
    private final List<String[]> held = new CopyOnWriteArrayList<>();
    private volatile boolean holding;
    /** The keys of the interactions this session recorded, in order. */
    private final List<String> recordedKeys = new CopyOnWriteArrayList<>();
    private volatile ExtensionContext publishTo;

    TestSession(Settings settings, String testId, String recordCommand, Path fixturePath, Fixtures fixtures,
                LiveSession live, ExtensionContext context) {
        this.settings = settings;
        this.testId = testId;
        this.recordCommand = recordCommand;
        this.fixturePath = fixturePath;
        this.fixtures = fixtures;
        this.live = live;
        this.context = context;
        this.publishTo = context;
        this.prices = PriceTables.of(context);
        this.runBudget = PriceTables.runBudget(context);
        this.ignoredFields.addAll(settings.ignoredFields());
    }

    Settings settings() {
        return settings;
    }

    @Override
    public String embeddingModel() {
        return EmbeddingCalls.configuredModel(context);
    }

    @Override
    public List<Embedding> embed(List<String> texts) {
        return EmbeddingCalls.embed(this, embeddingModel(), List.copyOf(texts),
                io.github.llmtest.internal.call.Purpose.JUDGE);
    }

    ExtensionContext context() {
        return context;
    }

    @Override
    public Prices prices() {
        return prices;
    }

    @Override
    public RunBudget runBudget() {
        return runBudget;
    }

    @Override
    public String testId() {
        return testId;
    }

    @Override
    public LlmMode mode() {
        return settings.mode();
    }

    @Override
    public FixtureFile fixtureFile() {
        // a dataset split across shards shares its file with the other shards: each keeps their recordings
        boolean fresh = settings.mode() == LlmMode.RECORD
                && !(datasetCase() != null && io.github.llmtest.internal.shard.Shard.current().isPresent());
        return fixtures.file(fixturePath, testId, fresh);
    }

    @Override
    public Provider provider(ProviderType type) {
        return live.provider(settings, type);
    }

    @Override
    public Readiness ready(ProviderType type, String model) {
        return live.ready(settings, type, model);
    }

    @Override
    public String upstreamUrl(ProviderType type) {
        return settings.connection(type).url().display();
    }

    @Override
    public String recordCommand() {
        return recordCommand;
    }

    @Override
    public boolean skipWhenUnavailable() {
        return settings.skipWhenUnavailable();
    }

    @Override
    public int nextOccurrence(String baseKey) {
        return occurrences.computeIfAbsent(baseKey, k -> new AtomicInteger()).getAndIncrement();
    }

    @Override
    public void releaseOccurrence(String baseKey) {
        AtomicInteger count = occurrences.get(baseKey);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    @Override
    public Integer sample() {
        return sample;
    }

    @Override
    public List<String> ignoredFields() {
        return List.copyOf(ignoredFields);
    }

    /** Adds request fields {@link LlmServer} leaves out of this test's keys. */
    void ignore(String pointer) {
        ignoredFields.add(pointer);
    }

    @Override
    public void served(String baseKey, ServedCall served) {
        synchronized (serverProblems) {
            serverProblems.remove(baseKey);
        }
        if (served == null) {
            return;
        }
        LlmCall call = new LlmCall(callCount.incrementAndGet(), served.answer(), served.type().id(), served.key(),
                served.server(), served.purpose(), served.sample(), served.request(), previous(served.replaced()),
                served.answeredBy());
        if (served.answeredBy() != null && !served.answer().replayed() && ExtensionStore.firstTime(context,
                "answered-by:" + served.answer().model() + "|" + served.answeredBy())) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + testId + " asked for " + served.answer().model()
                    + ", but the server answered as " + served.answeredBy() + ": it serves the model it has loaded "
                    + "whatever the request names. Fixtures and the run report keep it as \"answered_by\"; name "
                    + "the model the server serves to record what you mean to test.");
        }
        calls.add(call);
        if (served.server()) {
            unpublished.add(call); // made on the server's thread: published later, from the test's
        } else {
            CallReports.publish(this, call);
        }
    }

    /** What the new recording replaced, for the report's answer drift. */
    private static CallEntry.Previous previous(FixtureFile.Replaced replaced) {
        return replaced == null ? null : new CallEntry.Previous(replaced.old().text(),
                replaced.old().recordedAt() == null ? null : Instants.format(replaced.old().recordedAt()),
                replaced.old().origin(), replaced.requestChanged());
    }

    @Override
    public void failed(String baseKey, RuntimeException problem) {
        synchronized (serverProblems) {
            serverProblems.put(baseKey, problem);
        }
    }

    @Override
    public void recorded(String key) {
        recordedKeys.add(key);
    }

    /** @return the keys of the interactions this session recorded, in the order recorded */
    List<String> recordedKeys() {
        return List.copyOf(recordedKeys);
    }

    List<LlmCall> calls() {
        return List.copyOf(calls);
    }

    /** Publishes the report entries of the server's calls so far; called on the test's thread. */
    void publishServerCalls() {
        for (LlmCall call : unpublished) {
            unpublished.remove(call);
            CallReports.publish(this, call);
        }
    }

    /** @return the problems of {@link LlmServer} calls left, oldest first, and forgets them */
    List<RuntimeException> takeServerProblems() {
        synchronized (serverProblems) {
            List<RuntimeException> problems = List.copyOf(serverProblems.values());
            serverProblems.clear();
            return problems;
        }
    }

    /**
     * Makes this the session of one dataset case, run ahead of the case's own test: its id is part of every key,
     * and its report entries are held until {@link #release} hands them to the case's test.
     */
    void runCase(String caseId) {
        datasetCase = caseId;
        holding = true;
    }

    @Override
    public String datasetCase() {
        return datasetCase;
    }

    /** Publishes a report entry on the test's context, or holds it while the case runs ahead of its test. */
    void publish(String key, String value) {
        if (holding) {
            held.add(new String[] {key, value});
        } else {
            publishTo.publishReportEntry(key, value);
        }
    }

    /** Publishes the held report entries on the case's own test, and everything after them too. */
    void release(ExtensionContext target) {
        holding = false;
        publishTo = target;
        for (String[] entry : held) {
            target.publishReportEntry(entry[0], entry[1]);
        }
        held.clear();
    }

    /** Holds this session's report entries until {@link #release} hands them to its test (a sample run ahead). */
    void hold() {
        holding = true;
    }

    /** Starts sample {@code index} of a {@code @Samples} test: identical requests are counted afresh. */
    void startSample(int index) {
        sample = index;
        occurrences.clear();
    }

    @Override
    public void extracted(LlmAnswer answer, String what, String value) {
        synchronized (extracted) {
            extracted.computeIfAbsent(answer, a -> new ArrayList<>()).add(new Extracted(what, value));
        }
    }

    /** @return what assertions extracted from an answer of this test, in order */
    List<Extracted> extractions(LlmAnswer answer) {
        synchronized (extracted) {
            return List.copyOf(extracted.getOrDefault(answer, List.of()));
        }
    }
}
