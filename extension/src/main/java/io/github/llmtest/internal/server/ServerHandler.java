package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.github.llmtest.FixtureException;
import io.github.llmtest.internal.call.CallPipeline;
import io.github.llmtest.internal.call.CallRequest;
import io.github.llmtest.internal.call.CallSession;
import io.github.llmtest.internal.call.Purpose;
import io.github.llmtest.internal.provider.ProviderTypes;

import java.util.List;
import java.util.Optional;

/**
 * Serves every request: the recorded endpoints through the {@link CallPipeline} (the running test's fixture file
 * or its upstream server), the probes from {@link Probes}, anything else with the 404 the real servers give.
 */
final class ServerHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger("io.github.llmtest");

    private final ServerScopes scopes;

    ServerHandler(ServerScopes scopes) {
        this.scopes = scopes;
    }

    @Override
    public void handle(HttpExchange raw) {
        ServerExchange exchange = null;
        try {
            exchange = new ServerExchange(raw);
            ServerExchange reading = exchange;
            // the test is told before the connection closes, so that it knows by the time the application does
            Deadlines.onExpiry(() -> tellTests(raw, reading.timedOut(true)));
            exchange.readBody();
            exchange.rememberCredentials(); // before anything of this request can be written
            Deadlines.end(); // the request is in: from here the wait is on the upstream server, or on nothing
            Optional<ProviderTypes.Endpoint> endpoint = exchange.method.equals("POST")
                    ? ProviderTypes.endpoint(exchange.path) : Optional.empty();
            if (endpoint.isPresent()) {
                call(exchange, endpoint.get());
            } else if (!Probes.answer(exchange, scopes)) {
                exchange.sendText(404, "404 page not found");
            }
        } catch (ServerExchange.ClientGone e) {
            // the client went away: nobody to answer
        } catch (ServerExchange.BadRequest e) {
            if (e.testsProblem) {
                tellTests(raw, e);
            }
            answerIfStill(exchange, e);
        } catch (Throwable e) { // an Error too (out of memory): the connection is closed all the same
            if (!(e instanceof RuntimeException)) {
                tellTests(raw, new ServerExchange.BadRequest(500, "LlmServer failed while serving it: " + e));
            }
            answerIfStill(exchange, new ServerExchange.BadRequest(500, "llmtest: " + e));
        } finally {
            Deadlines.end();
            Deadlines.begin(); // closing ends a streamed response: a client that takes nothing cannot hold it
            try {
                if (exchange != null) {
                    exchange.close();
                } else {
                    raw.close();
                }
            } catch (Throwable e) {
                // nothing more can be done for this connection
            } finally {
                Deadlines.end();
            }
        }
    }

    private static void answerIfStill(ServerExchange exchange, ServerExchange.BadRequest refusal) {
        try {
            if (exchange != null && !exchange.started()) {
                exchange.sendRefusal(refusal);
            }
        } catch (Throwable e) {
            // nobody to answer, or nothing left to answer with: the connection is closed next
        }
    }

    /**
     * A request the server could not serve is a problem of the running test (of every running test, when several run
     * at once): the application got no answer, even if it swallowed the error.
     */
    private void tellTests(HttpExchange raw, ServerExchange.BadRequest refusal) {
        String token = ServerScopes.tokenOf(raw.getRequestURI().getPath());
        String path = ServerExchange.normalize(ServerScopes.withoutToken(raw.getRequestURI().getPath()));
        FixtureException problem = new FixtureException("LlmServer could not serve the request the application "
                + "sent to " + path + ": " + refusal.getMessage() + ". The application got HTTP " + refusal.status
                + " instead of an answer.");
        try {
            ServerScopes.Resolution who = scopes.current(token);
            // with no test running there is nobody to tell: the client has the refusal
            List<CallSession> sessions = who.attributed() ? List.of(who.session()) : scopes.running(token);
            sessions.forEach(session -> session.failed("unserved " + System.identityHashCode(problem), problem));
        } catch (RuntimeException e) {
            // no session to tell (its configuration is broken, and that test fails saying so)
        }
    }

    private void call(ServerExchange exchange, ProviderTypes.Endpoint endpoint) {
        JsonNode body = exchange.json();
        ServerScopes.Resolution who = scopes.current(exchange.token);
        if (!who.attributed()) {
            refuse(exchange, who);
            return;
        }
        CallSession session = who.session();
        ObjectNode canonical = RequestKey.canonical(endpoint, body, session.ignoredFields());
        CallRequest request = new CallRequest(endpoint.type(), canonical,
                canonical.path("model").asText("(none)"), ServerRequests.prompt(canonical), Purpose.ANSWER);
        try {
            CallPipeline.call(session, request, new ServerChannel(exchange, endpoint));
        } catch (ServerExchange.ClientGone | ServerExchange.BadRequest e) {
            throw e;
        } catch (RuntimeException e) {
            session.failed("failed " + System.identityHashCode(e), e); // such as a fixture file that cannot be read
            throw e;
        }
    }

    /** No test, or several at once: the call cannot be attributed, so it is refused and every running test told. */
    private void refuse(ServerExchange exchange, ServerScopes.Resolution who) {
        String message;
        if (who.ended()) {
            message = "LlmServer got a call to " + exchange.path + " at the URL of a test that is no longer running. "
                    + "A client built from server.ollamaUrl() or server.openAiUrl() belongs to the test (or class) "
                    + "that took the LlmServer: build it in that test, or keep it in a field set in @BeforeAll for "
                    + "a whole class.";
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + message);
        } else if (who.running().isEmpty()) {
            message = "LlmServer got a call to " + exchange.path + " while no @LlmTest test "
                    + (who.owner() == null ? "" : "of " + who.owner() + " ") + "was running, so it "
                    + "has no fixture file to answer from. Make the call from a test, or from a @BeforeAll or "
                    + "@BeforeEach method of an @LlmTest class.";
            LOG.log(System.Logger.Level.WARNING, "llmtest: " + message);
        } else {
            message = "LlmServer got a call to " + exchange.path + " while " + who.running().size() + " tests ran "
                    + "at once (" + String.join(", ", who.running()) + "), and cannot tell which of them made it. "
                    + (who.owner() == null
                    ? "The call came to the server's plain URL, as from a client configured once for the whole run "
                    + "(a Spring or Quarkus application, or " + RecordingServer.OLLAMA_URL_PROPERTY + "): such "
                    + "clients need the tests that use them to run alone, so annotate their classes with @Isolated "
                    + "and @Execution(ExecutionMode.SAME_THREAD) (org.junit.jupiter.api.parallel). A client built "
                    + "inside a test from its LlmServer parameter (server.ollamaUrl(), server.openAiUrl()) is "
                    + "attributed by its URL, and such tests may run in parallel."
                    : "The call came to the URL of " + who.owner() + ", whose tests run in parallel: build the "
                    + "client inside each test, from the LlmServer parameter of the test method, so that each "
                    + "test has a URL of its own.");
            FixtureException problem = new FixtureException(message);
            scopes.running(exchange.token).forEach(session -> session.failed("refused "
                    + System.identityHashCode(problem), problem));
        }
        exchange.sendError(409, message);
    }
}
