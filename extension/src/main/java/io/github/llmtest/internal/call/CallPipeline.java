package io.github.llmtest.internal.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.FixtureException;
import io.github.llmtest.Latency;
import io.github.llmtest.LlmAnswer;
import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.SettingNames;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.fixture.Canonical;
import io.github.llmtest.internal.fixture.FixtureFile;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Readiness;
import org.opentest4j.TestAbortedException;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The one path of every LLM call, typed ({@code Llm}) or over HTTP ({@code LlmServer}): the key (canonical request,
 * sample, occurrence), the decision per mode (replay, record, auto, live, and a miss), the live call through the
 * provider, the recording and its drift, the {@link LlmAnswer} a test sees, and every message about a missing or
 * failed call. The way in and out is a {@link Channel}; the test's state is a {@link CallSession}.
 */
public final class CallPipeline {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final CallSession session;
    private final CallRequest request;
    private final Channel channel;
    private final ObjectNode canonical;
    private String baseKey;
    private String key;
    private int occurrence;
    private boolean served;
    private LlmAnswer answer;

    private CallPipeline(CallSession session, CallRequest request, Channel channel) {
        this.session = session;
        this.request = request;
        this.channel = channel;
        this.canonical = request.canonical();
    }

    /**
     * Serves one call.
     *
     * @param session the test's session
     * @param request the call
     * @param channel the way it came in
     * @return the answer, or null when the call answered with data (embeddings) or could not be served and the
     * channel answered the caller rather than throwing
     * @throws RuntimeException from a typed call's channel: a miss, an unreachable server (or a skip)
     */
    public static LlmAnswer call(CallSession session, CallRequest request, Channel channel) {
        return new CallPipeline(session, request, channel).run();
    }

    private LlmAnswer run() {
        Integer sample = session.sample();
        if (sample != null) {
            canonical.put("sample", sample);
        }
        String datasetCase = session.datasetCase();
        if (datasetCase != null) {
            canonical.put("case", datasetCase);
        }
        // counted by canonical text: the same request's occurrences, without hashing it twice
        baseKey = Canonical.text(canonical);
        occurrence = session.nextOccurrence(baseKey);
        canonical.put("occurrence", occurrence);
        key = Canonical.hash(canonical);
        try {
            decide();
        } finally {
            if (!served) {
                session.releaseOccurrence(baseKey);
            }
        }
        return answer;
    }

    private void decide() {
        LlmMode mode = session.mode();
        if (mode == LlmMode.RECORD && resume()) {
            return;
        }
        if (mode != LlmMode.LIVE && mode != LlmMode.RECORD) {
            Optional<Interaction> recorded = session.fixtureFile().find(key);
            if (recorded.isPresent()) {
                if (session.fixtureFile().resumed(key).isPresent()) {
                    session.recorded(key); // a killed run's recording: placed as if recorded now
                }
                // counted before the caller can have the answer, so that the test sees the call
                served(recorded.get(), null, true);
                channel.replay(recorded.get());
                return;
            }
            if (mode == LlmMode.REPLAY) {
                refuse(400, miss());
                return;
            }
        }
        live(mode);
    }

    /**
     * Serves a recording that a killed record run journaled (see {@code FixtureFile.resumed}) instead of asking the
     * model again.
     *
     * @return whether there was one
     */
    private boolean resume() {
        FixtureFile file = session.fixtureFile();
        Optional<Interaction> resumed = file.resumed(key);
        if (resumed.isEmpty()) {
            return false;
        }
        session.recorded(key);
        served(resumed.get(), file.previousFor(resumed.get()).orElse(null), true);
        channel.replay(resumed.get());
        return true;
    }

    private void live(LlmMode mode) {
        RuntimeException spent = session.runBudget().refusal(session.testId());
        if (spent != null) {
            refuse(429, spent);
            return;
        }
        try {
            channel.live(session.provider(request.type()), new Channel.Answered() {
                @Override
                public void answered(LiveAnswer live, JsonNode body, Readiness readiness) {
                    Interaction interaction = Interaction.recorded(key, canonical, live, body, Instant.now(),
                            readiness == null ? null : readiness.modelDigest(),
                            readiness == null ? null : readiness.serverVersion());
                    FixtureFile.Replaced replaced = null;
                    FixtureException refused = null;
                    if (mode != LlmMode.LIVE) {
                        FixtureFile file = session.fixtureFile();
                        try {
                            file.record(interaction);
                            session.recorded(key);
                            replaced = file.previousFor(interaction).orElse(null);
                        } catch (FixtureException e) {
                            if (!channel.viaServer()) {
                                throw e;
                            }
                            refused = e; // the application has its answer all the same; the test fails
                        }
                    }
                    served(interaction, replaced, false);
                    if (refused != null) {
                        session.failed(baseKey, refused);
                    }
                }

                @Override
                public void failed(RuntimeException problem) {
                    session.failed(baseKey, skipped(problem));
                }
            });
        } catch (ProviderException e) {
            refuse(502, unavailable(e, mode == LlmMode.AUTO));
        }
    }

    private void served(Interaction interaction, FixtureFile.Replaced replaced, boolean replayed) {
        served = true;
        if (interaction.body() != null) {
            session.served(baseKey, null); // embeddings: recorded, but not an answer to assert on
            return;
        }
        answer = Recordings.answer(request.type(), interaction, request.prompt(), replayed, session.prices());
        Extractions.servedBy(answer, session);
        session.served(baseKey, new ServedCall(answer, request.type(), key, channel.viaServer(), request.purpose(),
                session.sample(), canonical, replaced, interaction.answeredBy()));
        if (!replayed) {
            answer.cost().ifPresent(c -> session.runBudget().spend(c.totalUsd()));
            logLiveCall(answer, session.testId());
        }
    }

    /** Reports a problem to the test (for a call over HTTP) and has the channel answer or throw it. */
    private void refuse(int status, RuntimeException problem) {
        RuntimeException reported = skipped(problem);
        if (channel.viaServer()) {
            session.failed(baseKey, reported);
            channel.refuse(status, problem);
        } else {
            channel.refuse(status, reported);
        }
    }

    /** With {@code llmtest.unavailable=skip}, a model that cannot be reached skips the test instead. */
    private RuntimeException skipped(RuntimeException problem) {
        Throwable cause = problem instanceof ProviderException ? problem : problem.getCause();
        if (session.skipWhenUnavailable() && cause instanceof ProviderException p && p.modelUnavailable()) {
            return new TestAbortedException("Skipped because no live model is available (" + SettingNames.UNAVAILABLE
                    + "=skip): " + problem.getMessage());
        }
        return problem;
    }

    private RuntimeException unavailable(ProviderException e, boolean becauseNotRecorded) {
        if (!becauseNotRecorded) {
            return e;
        }
        ProviderType type = request.type();
        String asked = channel.viaServer() ? "LlmServer passed it on to " + session.upstreamUrl(type)
                : "llmtest asked " + request.model() + " live";
        String where = channel.viaServer() ? "the server" : request.model();
        return new FixtureException("No answer is recorded for this request of " + session.testId() + " in "
                + session.fixtureFile().path() + ", so " + asked + ", but: " + e.getMessage()
                + " Or record the answer where " + where + " can be reached: " + type.recordPrefix()
                + session.recordCommand(), e);
    }

    private FixtureException miss() {
        FixtureFile file = session.fixtureFile();
        boolean server = channel.viaServer();
        StringBuilder message = new StringBuilder(server ? "LlmServer has no" : "No")
                .append(" recorded answer for this request in replay mode.\n")
                .append("  test:    ").append(session.testId()).append('\n');
        if (server) {
            message.append("  request: POST ").append(canonical.path("endpoint").asText()).append(", model ")
                    .append(canonical.path("model").asText("(none)")).append('\n');
        } else {
            message.append("  model:   ").append(request.model()).append('\n');
        }
        message.append("  prompt:  \"").append(Texts.head(request.prompt(), 120)).append("\"\n");
        if (!server) {
            message.append("  options: ").append(Canonical.text(canonical.path("options"))).append('\n');
        }
        message.append("  key:     ").append(key).append(" (occurrence ").append(occurrence)
                .append(" of this request in the test)\n")
                .append("  file:    ").append(file.path()).append(file.stateFor(canonical)).append('\n')
                .append(server ? "The application got HTTP 400 with this message. " : "")
                .append(request.type().recordAdvice(session.upstreamUrl(request.type()))).append("\n  ")
                .append(request.type().recordPrefix()).append(session.recordCommand());
        return new FixtureException(message.toString());
    }

    /** One line per live call: model, tokens, time, speed, test. */
    private static void logLiveCall(LlmAnswer answer, String testId) {
        Latency l = answer.latency();
        LOG.log(System.Logger.Level.INFO, () -> String.format(Locale.ROOT, "llmtest: %s answered %s in %s%s [%s]",
                answer.model(), l.outputTokens().isPresent() ? l.outputTokens().getAsInt() + " tokens" : "",
                Durations.format(l.total()),
                l.tokensPerSecond().isPresent() ? String.format(Locale.ROOT, " (%.1f tokens/s)",
                        l.tokensPerSecond().getAsDouble()) : "",
                testId));
    }
}
