package io.github.llmtest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.ollama.ChatRequest;
import io.github.llmtest.ollama.OllamaException;
import io.github.llmtest.ollama.OllamaResponse;
import io.github.llmtest.ollama.Options;
import org.opentest4j.TestAbortedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The {@link Llm} handed to tests: routes each call to a fixture or to Ollama according to the mode. */
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
        Options effective = options.with(request.options());
        Integer sample = site.sample();
        if (sample != null) {
            effective = effective.with(Options.builder().seed(effective.seed().orElse(42) + sample).build());
            if (effective.temperature().orElse(0.8) == 0) {
                warnOnceAboutGreedySamples();
            }
        }
        ChatRequest.Builder builder = ChatRequest.builder(model).messages(request.messages()).options(effective)
                .format(request.format().orElse(null));
        request.system().ifPresent(builder::system);
        ChatRequest chat = builder.build();

        ObjectNode canonical = canonicalRequest(chat, sample);
        int occurrence = site.nextOccurrence(Canonical.hash(canonical));
        canonical.put("occurrence", occurrence);
        String key = Canonical.hash(canonical);

        LlmAnswer answer = switch (site.settings.mode()) {
            case LIVE -> live(chat, request, key, canonical, null);
            case RECORD -> live(chat, request, key, canonical, fixtureFile());
            case REPLAY -> fixtureFile().find(key).map(i -> replay(i, request))
                    .orElseThrow(() -> miss(canonical, request, key, occurrence));
            case AUTO, DEFAULT -> {
                FixtureFile file = fixtureFile();
                Optional<Interaction> recorded = file.find(key);
                yield recorded.isPresent() ? replay(recorded.get(), request)
                        : live(chat, request, key, canonical, file);
            }
        };
        LlmCall call = new LlmCall(site.nextCallIndex(), answer, key);
        site.add(call);
        CallReports.publish(site, call);
        return answer;
    }

    /** Greedy decoding ignores the seed, so every sample may give the same answer: say so once per run. */
    private void warnOnceAboutGreedySamples() {
        java.util.concurrent.atomic.AtomicBoolean warned = site.context.getRoot().getStore(LlmExtension.NAMESPACE)
                .getOrComputeIfAbsent("warned-greedy-samples", k -> new java.util.concurrent.atomic.AtomicBoolean(),
                        java.util.concurrent.atomic.AtomicBoolean.class);
        if (warned.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "llmtest: @Samples in " + site.testId + " runs at temperature 0: "
                    + "decoding is greedy and ignores the seed, so the samples may all be the same. Set a "
                    + "temperature with llm.withOptions(...) to sample different answers.");
        }
    }

    private FixtureFile fixtureFile() {
        return site.fixtures.file(site.fixturePath, site.testId, site.settings.mode());
    }

    static ObjectNode canonicalRequest(ChatRequest chat, Integer sample) {
        ObjectNode node;
        try {
            node = (ObjectNode) Fixtures.MAPPER.readTree(chat.toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the client's own JSON did not parse", e);
        }
        node.remove("stream");
        node.remove("keep_alive");
        ObjectNode canonical = Fixtures.MAPPER.createObjectNode();
        canonical.put("endpoint", "/api/chat");
        canonical.setAll(node);
        if (sample != null) {
            canonical.put("sample", sample);
        }
        return canonical;
    }

    private LlmAnswer live(ChatRequest chat, LlmRequest request, String key, ObjectNode canonical,
                           FixtureFile recordInto) {
        LiveSession.Readiness readiness;
        OllamaResponse response;
        try {
            readiness = site.live.ready(site.settings, model);
            response = site.live.client(site.settings).chat(chat);
        } catch (OllamaException e) {
            throw unavailable(e, recordInto != null && site.settings.mode() == LlmMode.AUTO);
        }
        Interaction interaction = new Interaction(key, canonical, response.text(), response.doneReason().orElse(null),
                response.createdAt().orElse(null), response.metrics(), response.wallTime(),
                response.firstToken().orElse(null), Instant.now(), readiness.digest(), readiness.ollamaVersion(),
                Interaction.RECORDED);
        if (recordInto != null) {
            recordInto.record(interaction);
        }
        LlmAnswer answer = answer(interaction, request, false);
        logLiveCall(answer);
        return answer;
    }

    private RuntimeException unavailable(OllamaException e, boolean becauseNotRecorded) {
        boolean cannotReach = e.kind() == OllamaException.Kind.UNREACHABLE
                || e.kind() == OllamaException.Kind.MODEL_NOT_FOUND;
        String context = becauseNotRecorded
                ? "No answer is recorded for this request of " + site.testId + " in " + site.fixturePath
                + ", so llmtest asked " + model + " live, but: " : "";
        if (cannotReach && site.settings.skipWhenUnavailable()) {
            return new TestAbortedException("Skipped because no live model is available (" + LlmTest.UNAVAILABLE_PARAMETER
                    + "=skip): " + context + e.getMessage());
        }
        if (becauseNotRecorded) {
            return new FixtureException(context + e.getMessage() + " Or record the answer where Ollama runs: "
                    + site.recordCommand, e);
        }
        return e;
    }

    private LlmAnswer replay(Interaction interaction, LlmRequest request) {
        return answer(interaction, request, true);
    }

    private LlmAnswer answer(Interaction i, LlmRequest request, boolean replayed) {
        Duration load = i.metrics().load().orElse(null);
        Duration wall = i.wallTime();
        if (wall == null) {
            wall = i.metrics().total().orElse(Duration.ZERO);
        }
        Latency latency = new Latency(minus(wall, load), i.firstToken() == null ? null : minus(i.firstToken(), load),
                load, i.metrics().promptEval().orElse(null), i.metrics().eval().orElse(null),
                i.metrics().promptTokens().isPresent() ? i.metrics().promptTokens().getAsInt() : null,
                i.metrics().outputTokens().isPresent() ? i.metrics().outputTokens().getAsInt() : null);
        return new LlmAnswer(i.text(), i.model(), request.lastUserMessage(), replayed,
                replayed ? i.recordedAt() : null, i.origin(), latency, i.doneReason());
    }

    /** Model load is never part of a latency: take it out, never going below zero. */
    private static Duration minus(Duration value, Duration load) {
        if (load == null) {
            return value;
        }
        Duration result = value.minus(load);
        return result.isNegative() ? Duration.ZERO : result;
    }

    private FixtureException miss(ObjectNode canonical, LlmRequest request, String key, int occurrence) {
        FixtureFile file = fixtureFile();
        int recorded = file.all().size();
        String closest = file.closestDifference(canonical).map(d -> "; the closest recording differs in: " + d)
                .orElse("");
        String fileState = recorded == 0 ? " (no recordings)"
                : " (" + recorded + (recorded == 1 ? " recording" : " recordings") + closest + ")";
        return new FixtureException("No recorded answer for this request in replay mode.\n"
                + "  test:    " + site.testId + "\n"
                + "  model:   " + model + "\n"
                + "  prompt:  \"" + Texts.head(request.lastUserMessage(), 120) + "\"\n"
                + "  options: " + Canonical.text(canonical.path("options")) + "\n"
                + "  key:     " + key + " (occurrence " + occurrence + " of this request in the test)\n"
                + "  file:    " + site.fixturePath + fileState + "\n"
                + "Record it against a running Ollama with:\n"
                + "  " + site.recordCommand);
    }

    private void logLiveCall(LlmAnswer answer) {
        Latency l = answer.latency();
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "llmtest: %s answered %s in %s%s [%s]",
                model, l.outputTokens().isPresent() ? l.outputTokens().getAsInt() + " tokens" : "",
                Durations.format(l.total()),
                l.tokensPerSecond().isPresent() ? String.format(Locale.ROOT, " (%.1f tokens/s)",
                        l.tokensPerSecond().getAsDouble()) : "",
                site.testId));
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
        return new DefaultLlm(site, otherModel, options);
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
