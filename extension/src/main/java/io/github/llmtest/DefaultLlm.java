package io.github.llmtest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Instants;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.fixture.Canonical;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.Readiness;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.TokenGaps;
import io.github.llmtest.internal.provider.ToolWire;
import io.github.llmtest.internal.answer.ThinkSplit;
import io.github.llmtest.internal.report.CallEntry;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@link Llm} handed to tests. Every call reads in one direction: build the provider's canonical request and
 * its key, then serve it live (through the {@link Provider}) or from the fixture file according to the mode, turn
 * what came back into an {@link LlmAnswer}, and publish it for the run report.
 */
final class DefaultLlm implements Llm {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final CallSite site;
    private final String model;
    private final Options options;

    DefaultLlm(CallSite site, String model, Options options) {
        this.site = site;
        this.model = model;
        this.options = options;
    }

    @Override
    public LlmAnswer ask(String prompt) {
        return chat(LlmRequest.of(Objects.requireNonNull(prompt, "prompt")));
    }

    @Override
    public LlmAnswer chat(LlmRequest request) {
        Objects.requireNonNull(request, "request");
        ModelName name = ModelName.parse(model);
        Options effective = effectiveOptions(request);
        ChatCall call = new ChatCall(name.model(), messages(request), effective, request.format().orElse(null),
                explicit(effective), request.tools());
        Provider provider = site.live.provider(site.settings, name);

        ObjectNode canonical = provider.canonicalRequest(call);
        Integer sample = site.sample();
        if (sample != null) {
            canonical.put("sample", sample);
        }
        // counted by canonical text: the same request's occurrences, without hashing it twice
        int occurrence = site.nextOccurrence(Canonical.text(canonical));
        canonical.put("occurrence", occurrence);
        String key = Canonical.hash(canonical);

        Served served = switch (site.settings.mode()) {
            case LIVE -> live(name, provider, call, request, key, canonical, null);
            case RECORD -> live(name, provider, call, request, key, canonical, fixtureFile());
            case REPLAY -> fixtureFile().find(key).map(i -> replayed(name, i, request))
                    .orElseThrow(() -> miss(name, canonical, request, key, occurrence));
            case AUTO, DEFAULT -> {
                FixtureFile file = fixtureFile();
                Optional<Interaction> recorded = file.find(key);
                yield recorded.isPresent() ? replayed(name, recorded.get(), request)
                        : live(name, provider, call, request, key, canonical, file);
            }
        };
        LlmAnswer answer = served.answer();
        LlmCall llmCall = new LlmCall(site.nextCallIndex(), answer, key, false, site.sample(), canonical,
                served.previous(), served.answeredBy());
        site.add(llmCall);
        CallReports.publish(site, llmCall);
        return answer;
    }

    private static List<Message> messages(LlmRequest request) {
        List<Message> messages = new ArrayList<>();
        request.system().ifPresent(system -> messages.add(Message.system(system)));
        messages.addAll(request.messages());
        return messages;
    }

    /** This client's options, the request's over them, and in a {@code @Samples} test the sample's own seed. */
    private Options effectiveOptions(LlmRequest request) {
        Options effective = options.with(request.options());
        Integer sample = site.sample();
        if (sample == null) {
            return effective;
        }
        int seed = effective.seed().orElse(DEFAULT_OPTIONS.seed().orElseThrow()) + sample;
        if (effective.temperature().isPresent() && effective.temperature().getAsDouble() == 0
                && ExtensionStore.firstTime(site.context, "greedy-samples")) {
            // greedy decoding ignores the seed, so every sample may give the same answer
            LOG.log(System.Logger.Level.WARNING, "llmtest: @Samples in " + site.testId + " runs at temperature 0: "
                    + "decoding is greedy and ignores the seed, so the samples may all be the same. Set a "
                    + "temperature with llm.withOptions(...) to sample different answers.");
        }
        return effective.with(Options.builder().seed(seed).build());
    }

    /** The options the test set itself: every value that is not one of llmtest's defaults. */
    private static Set<String> explicit(Options effective) {
        Set<String> names = new HashSet<>();
        effective.asMap().forEach((option, value) -> {
            if (!value.equals(DEFAULT_OPTIONS.asMap().get(option))) {
                names.add(option);
            }
        });
        return names;
    }

    private FixtureFile fixtureFile() {
        return site.fixtures.file(site.fixturePath, site.testId, site.settings.mode() == LlmMode.RECORD);
    }

    /**
     * An answer, the recording its own new recording replaced (for answer drift), if any, and the model that
     * answered when another than asked for.
     */
    private record Served(LlmAnswer answer, CallEntry.Previous previous, String answeredBy) {
    }

    private static Served replayed(ModelName name, Interaction recorded, LlmRequest request) {
        return new Served(answer(name, recorded, request.lastUserMessage(), true), null, recorded.answeredBy());
    }

    private Served live(ModelName name, Provider provider, ChatCall call, LlmRequest request, String key,
                        ObjectNode canonical, FixtureFile recordInto) {
        Readiness readiness;
        LiveAnswer response;
        try {
            readiness = site.live.ready(site.settings, name);
            response = provider.chat(call);
        } catch (ProviderException e) {
            throw unavailable(name, e, recordInto != null && site.settings.mode() == LlmMode.AUTO);
        }
        Interaction interaction = Interaction.recorded(key, canonical, response, null, Instant.now(),
                readiness.modelDigest(), readiness.serverVersion());
        CallEntry.Previous previous = null;
        if (recordInto != null) {
            recordInto.record(interaction);
            previous = previous(recordInto, interaction);
        }
        LlmAnswer answer = answer(name, interaction, request.lastUserMessage(), false);
        logLiveCall(answer, site.testId);
        warnIfAnsweredByOther(site, model, interaction.answeredBy());
        return new Served(answer, previous, interaction.answeredBy());
    }

    /** What the new recording replaced, for the report's answer drift. */
    static CallEntry.Previous previous(FixtureFile file, Interaction recorded) {
        return file.previousFor(recorded).map(r -> new CallEntry.Previous(r.old().text(),
                r.old().recordedAt() == null ? null : Instants.format(r.old().recordedAt()), r.old().origin(),
                r.requestChanged())).orElse(null);
    }

    private RuntimeException unavailable(ModelName name, ProviderException e, boolean becauseNotRecorded) {
        String context = becauseNotRecorded
                ? "No answer is recorded for this request of " + site.testId + " in " + site.fixturePath
                + ", so llmtest asked " + model + " live, but: " : "";
        if (e.modelUnavailable() && site.settings.skipWhenUnavailable()) {
            return new TestAbortedException("Skipped because no live model is available (" + LlmTest.UNAVAILABLE_PARAMETER
                    + "=skip): " + context + e.getMessage());
        }
        if (becauseNotRecorded) {
            return new FixtureException(context + e.getMessage() + " Or record the answer where " + name.written()
                    + " can be reached: " + recordCommand(name), e);
        }
        return e;
    }

    /** How to record this test: with the key in the environment for an OpenAI-compatible model. */
    private String recordCommand(ModelName name) {
        return (name.isOpenAi() ? "OPENAI_API_KEY=… " : "") + site.recordCommand;
    }

    /** The answer a test sees: model load taken out of every figure, never going below zero. */
    static LlmAnswer answer(ModelName name, Interaction i, String prompt, boolean replayed) {
        ServerMetrics m = i.metrics();
        Duration load = m.load().orElse(null);
        Duration wall = i.wallTime() != null ? i.wallTime() : m.total().orElse(Duration.ZERO);
        ThinkSplit split = ThinkSplit.of(i.text());
        String thinking = join(i.thinking(), split.thinking());
        Latency latency = Latency.builder(minus(wall, load))
                .firstToken(i.firstToken() == null ? null : minus(i.firstToken(), load))
                .load(load).promptEval(m.promptEval().orElse(null)).eval(m.eval().orElse(null))
                .promptTokens(m.promptTokens()).outputTokens(m.outputTokens()).interToken(interToken(i.interToken()))
                .thinkingTokens(m.reasoningTokens() != null ? Integer.valueOf(m.reasoningTokens().intValue())
                        : i.thinkingPieces())
                .thinkingTime(thinkingTime(i)).build();
        LlmAnswer.Builder answer = LlmAnswer.builder(split.answer()).model(name.written()).prompt(prompt)
                .latency(latency).doneReason(i.doneReason()).thinking(thinking)
                .toolCalls(ToolWire.read(i.toolCalls()));
        if (replayed) {
            answer.replayed(i.recordedAt(), i.handWritten());
        }
        return answer.build();
    }

    private static String join(String a, String b) {
        String first = a == null ? "" : a.strip();
        return first.isEmpty() ? b : b.isEmpty() ? first : first + "\n\n" + b;
    }

    /** From the first token to the first token of the answer, when the model reasoned first. */
    private static Duration thinkingTime(Interaction i) {
        if (i.firstToken() == null || i.firstAnswerToken() == null || i.firstAnswerToken().compareTo(i.firstToken()) <= 0) {
            return null;
        }
        return i.firstAnswerToken().minus(i.firstToken());
    }

    private static Latency.InterToken interToken(TokenGaps gaps) {
        return gaps == null ? null : new Latency.InterToken(gaps.gaps(), Duration.ofNanos(gaps.meanNanos()),
                Duration.ofNanos(gaps.p50Nanos()), Duration.ofNanos(gaps.p95Nanos()), Duration.ofNanos(gaps.maxNanos()));
    }

    private static Duration minus(Duration value, Duration load) {
        if (load == null) {
            return value;
        }
        Duration result = value.minus(load);
        return result.isNegative() ? Duration.ZERO : result;
    }

    private FixtureException miss(ModelName name, ObjectNode canonical, LlmRequest request, String key,
                                  int occurrence) {
        String fileState = fixtureFile().stateFor(canonical);
        return new FixtureException("No recorded answer for this request in replay mode.\n"
                + "  test:    " + site.testId + "\n"
                + "  model:   " + model + "\n"
                + "  prompt:  \"" + Texts.head(request.lastUserMessage(), 120) + "\"\n"
                + "  options: " + Canonical.text(canonical.path("options")) + "\n"
                + "  key:     " + key + " (occurrence " + occurrence + " of this request in the test)\n"
                + "  file:    " + site.fixturePath + fileState + "\n"
                + (name.isOpenAi() ? "Record it against the OpenAI-compatible server (" + site.settings.openAiUrl()
                + ") with the key in the environment:\n" : "Record it against a running Ollama with:\n")
                + "  " + recordCommand(name));
    }

    /**
     * Once per run and pair of names: the server answered with another model than the one asked for (llama.cpp's
     * server serves the model it has loaded whatever the request names). The fixture and the report keep both.
     */
    static void warnIfAnsweredByOther(CallSite site, String asked, String answeredBy) {
        if (answeredBy != null && ExtensionStore.firstTime(site.context, "answered-by:" + asked + "|" + answeredBy)) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + site.testId + " asked for " + asked + ", but the "
                    + "server answered as " + answeredBy + ": it serves the model it has loaded whatever the request "
                    + "names. Fixtures and the run report keep it as \"answered_by\"; name the model the server "
                    + "serves to record what you mean to test.");
        }
    }

    /** One line per live call: model, tokens, time, speed, test. */
    static void logLiveCall(LlmAnswer answer, String testId) {
        Latency l = answer.latency();
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "llmtest: %s answered %s in %s%s [%s]",
                answer.model(), l.outputTokens().isPresent() ? l.outputTokens().getAsInt() + " tokens" : "",
                Durations.format(l.total()),
                l.tokensPerSecond().isPresent() ? String.format(Locale.ROOT, " (%.1f tokens/s)",
                        l.tokensPerSecond().getAsDouble()) : "",
                testId));
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Llm withModel(String otherModel) {
        Objects.requireNonNull(otherModel, "model");
        if (otherModel.isBlank()) {
            throw new IllegalArgumentException("withModel needs a model name such as 'llama3.2'");
        }
        return new DefaultLlm(site, ModelName.check(otherModel), options);
    }

    @Override
    public Llm withOptions(Options overrides) {
        return new DefaultLlm(site, model, options.with(overrides));
    }

    @Override
    public String toString() {
        return "Llm{model=" + model + ", mode=" + site.settings.mode() + ", options=" + options + "}";
    }
}
