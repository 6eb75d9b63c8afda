package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.llmtest.FixtureException;
import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.Texts;
import io.github.llmtest.internal.fixture.Canonical;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ProviderException;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Serves every request: the recorded endpoints from the running test's fixture file or its upstream server, the
 * probes from {@link Probes}, anything else with the 404 the real servers give.
 */
final class ServerHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final ServerScopes scopes;

    ServerHandler(ServerScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public void handle(HttpExchange raw) {
        ServerExchange exchange;
        try {
            exchange = new ServerExchange(raw);
        } catch (IOException | RuntimeException e) {
            raw.close();
            return;
        }
        try {
            Optional<Endpoint> endpoint = Endpoint.of(exchange.method, exchange.path);
            if (endpoint.isPresent()) {
                call(exchange, endpoint.get());
            } else if (!Probes.answer(exchange, scopes)) {
                exchange.sendText(404, "404 page not found");
            }
        } catch (ServerExchange.ClientGone e) {
            // the client went away: nobody to answer
        } catch (ServerExchange.BadRequest e) {
            answerIfStill(exchange, e.status, e.getMessage());
        } catch (RuntimeException e) {
            answerIfStill(exchange, 500, "llmtest: " + e);
        } finally {
            exchange.close();
        }
    }

    private static void answerIfStill(ServerExchange exchange, int status, String message) {
        if (!exchange.started()) {
            try {
                exchange.sendError(status, message);
            } catch (ServerExchange.ClientGone e) {
                // nobody to answer
            }
        }
    }

    private void call(ServerExchange exchange, Endpoint endpoint) {
        JsonNode body = exchange.json();
        ServerScopes.Resolution who = scopes.current();
        if (!who.attributed()) {
            refuse(exchange, who);
            return;
        }
        ServerScope scope = who.scope();
        ObjectNode canonical = RequestKey.canonical(endpoint, body, scope.ignoredFields());
        if (scope.sample() != null) {
            canonical.put("sample", scope.sample());
        }
        String baseKey = Canonical.hash(canonical);
        int occurrence = scope.nextOccurrence(baseKey);
        canonical.put("occurrence", occurrence);
        boolean served = false;
        try {
            served = serve(exchange, endpoint, scope, canonical, baseKey);
        } catch (ServerExchange.ClientGone e) {
            throw e;
        } catch (RuntimeException e) {
            scope.failed(baseKey, e); // such as a fixture file that cannot be read or written
            throw e;
        } finally {
            if (!served) {
                scope.releaseOccurrence(baseKey);
            }
        }
    }

    private static boolean serve(ServerExchange exchange, Endpoint endpoint, ServerScope scope, ObjectNode canonical,
                                 String baseKey) {
        String key = Canonical.hash(canonical);
        LlmMode mode = scope.mode();
        if (mode != LlmMode.LIVE && mode != LlmMode.RECORD) {
            Optional<Interaction> recorded = scope.fixtureFile().find(key);
            if (recorded.isPresent()) {
                // counted before the application can have the answer, so that it sees the call in the test
                scope.served(baseKey, recorded.get(), true);
                Replayer.replay(exchange, endpoint, recorded.get());
                return true;
            }
            if (mode == LlmMode.REPLAY) {
                // the test learns of the miss before the application does, so it is never too late to fail it
                FixtureException miss = miss(endpoint, scope, canonical, key);
                scope.failed(baseKey, miss);
                exchange.sendError(400, miss.getMessage());
                return false;
            }
        }
        Recorder.Outcome outcome;
        try {
            outcome = new Recorder(exchange, endpoint, complete -> {
                Interaction interaction = Interaction.recorded(key, canonical, complete.answer(), complete.body(),
                        Instant.now(), null, null);
                if (mode != LlmMode.LIVE) {
                    scope.fixtureFile().record(interaction);
                }
                scope.served(baseKey, interaction, false);
            }, problem -> scope.failed(baseKey, problem)).forward(scope.provider(endpoint.provider));
        } catch (ProviderException e) {
            RuntimeException problem = mode == LlmMode.AUTO ? new FixtureException("No answer is recorded for this "
                    + "request of " + scope.testId() + " in " + scope.fixtureFile().path() + ", so LlmServer passed it "
                    + "on to " + scope.upstreamUrl(endpoint.provider) + ", but: " + e.getMessage()
                    + " Or record the answer where the server can be reached: "
                    + scope.recordCommand(endpoint.provider), e) : e;
            scope.failed(baseKey, problem);
            answerIfStill(exchange, 502, problem.getMessage());
            return false;
        }
        return outcome.problem() == null;
    }

    private static FixtureException miss(Endpoint endpoint, ServerScope scope, ObjectNode canonical, String key) {
        boolean openai = endpoint.isOpenAi();
        return new FixtureException("LlmServer has no recorded answer for this request in replay mode.\n"
                + "  test:    " + scope.testId() + "\n"
                + "  request: POST " + endpoint.path + ", model " + canonical.path("model").asText("(none)") + "\n"
                + "  prompt:  \"" + Texts.head(ServerRequests.prompt(canonical), 120) + "\"\n"
                + "  key:     " + key + " (occurrence " + canonical.path("occurrence").asInt()
                + " of this request in the test)\n"
                + "  file:    " + scope.fixtureFile().path() + scope.fixtureFile().stateFor(canonical) + "\n"
                + "The application got HTTP 400 with this message. "
                + (openai ? "Record it against the OpenAI-compatible server (" + scope.upstreamUrl("openai")
                + ") with the key in the environment:\n" : "Record it against a running Ollama with:\n")
                + "  " + scope.recordCommand(endpoint.provider));
    }

    /** No test, or several at once: the call cannot be attributed, so it is refused and every running test told. */
    private void refuse(ServerExchange exchange, ServerScopes.Resolution who) {
        String message;
        if (who.running().isEmpty()) {
            message = "LlmServer got a call to " + exchange.path + " while no @LlmTest test was running, so it "
                    + "has no fixture file to answer from. Make the call from a test, or from a @BeforeAll or "
                    + "@BeforeEach method of an @LlmTest class.";
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + message);
        } else {
            message = "LlmServer got a call to " + exchange.path + " while " + who.running().size() + " tests ran "
                    + "at once (" + String.join(", ", who.running()) + "), and cannot tell which of them made it. "
                    + "Run the tests that use LlmServer alone: annotate their class with @Isolated and "
                    + "@Execution(ExecutionMode.SAME_THREAD) (org.junit.jupiter.api.parallel).";
            FixtureException problem = new FixtureException(message);
            scopes.running().forEach(scope -> scope.failed("refused " + System.identityHashCode(problem), problem));
        }
        exchange.sendError(409, message);
    }
}
