package io.github.llmtest;

import io.github.llmtest.internal.call.CallPipeline;
import io.github.llmtest.internal.call.CallRequest;
import io.github.llmtest.internal.call.Channel;
import io.github.llmtest.internal.call.JudgeCalls;
import io.github.llmtest.internal.call.Purpose;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.Readiness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link Llm} handed to tests: a thin way into the {@link CallPipeline}. It merges the options, asks the
 * provider for the canonical request, and lets the pipeline serve the call; live, it is the provider's typed client
 * that answers.
 */
final class DefaultLlm implements Llm, JudgeCalls {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final TestSession session;
    private final String model;
    private final Options options;
    private final Purpose purpose;
    /** null: the configured one, read when first needed */
    private final String embeddingModel;

    DefaultLlm(TestSession session, String model, Options options) {
        this(session, model, options, Purpose.ANSWER, null);
    }

    private DefaultLlm(TestSession session, String model, Options options, Purpose purpose, String embeddingModel) {
        this.session = session;
        this.model = model;
        this.options = options;
        this.purpose = purpose;
        this.embeddingModel = embeddingModel;
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
        Provider provider = session.provider(name.provider());
        CallRequest typed = new CallRequest(name.provider(), provider.canonicalRequest(call), model,
                request.lastUserMessage(), purpose);
        return CallPipeline.call(session, typed, new Channel() {
            @Override
            public boolean viaServer() {
                return false;
            }

            @Override
            public void live(Provider live, Answered answered) {
                Readiness readiness = session.ready(name.provider(), name.model());
                answered.answered(live.chat(call), null, readiness);
            }

            @Override
            public void replay(Interaction recorded) {
                // the pipeline returns the answer
            }

            @Override
            public void refuse(int status, RuntimeException problem) {
                throw problem;
            }
        });
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
        Integer sample = session.sample();
        if (sample == null) {
            return effective;
        }
        int seed = effective.seed().orElse(DEFAULT_OPTIONS.seed().orElseThrow()) + sample;
        if (effective.temperature().isPresent() && effective.temperature().getAsDouble() == 0
                && ExtensionStore.firstTime(session.context(), "greedy-samples")) {
            // greedy decoding ignores the seed, so every sample may give the same answer
            LOG.log(System.Logger.Level.WARNING, "llmtest: @Samples in " + session.testId() + " runs at temperature "
                    + "0: decoding is greedy and ignores the seed, so the samples may all be the same. Set a "
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

    @Override
    public Embedding embed(String text) {
        return embed(List.of(Objects.requireNonNull(text, "text"))).get(0);
    }

    @Override
    public List<Embedding> embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("embed needs at least one text");
        }
        texts.forEach(t -> Objects.requireNonNull(t, "a text to embed is null"));
        return EmbeddingCalls.embed(session, embeddingModel(), List.copyOf(texts), purpose);
    }

    @Override
    public String embeddingModel() {
        return embeddingModel != null ? embeddingModel : EmbeddingCalls.configuredModel(session.context());
    }

    @Override
    public Llm withEmbeddingModel(String otherModel) {
        Objects.requireNonNull(otherModel, "model");
        if (otherModel.isBlank()) {
            throw new IllegalArgumentException("withEmbeddingModel needs a model name such as 'nomic-embed-text'");
        }
        return new DefaultLlm(session, model, options, purpose, ModelName.check(otherModel));
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
        return new DefaultLlm(session, ModelName.check(otherModel), options, purpose, embeddingModel);
    }

    @Override
    public Llm withOptions(Options overrides) {
        return new DefaultLlm(session, model, options.with(overrides), purpose, embeddingModel);
    }

    @Override
    public Llm forJudge(boolean countedInLatency) {
        return new DefaultLlm(session, model, options, countedInLatency ? Purpose.COUNTED_JUDGE : Purpose.JUDGE,
                embeddingModel);
    }

    @Override
    public String toString() {
        return "Llm{model=" + model + ", mode=" + session.mode() + ", options=" + options + "}";
    }
}
