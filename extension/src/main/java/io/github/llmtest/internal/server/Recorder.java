package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.FixtureException;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.call.Channel;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Relay;
import io.github.llmtest.internal.provider.RecordedRoute;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.Route;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sends an application's request to the upstream server and passes the answer back as it arrives, while the
 * provider's {@link Relay} reads it into what a recording keeps. An upstream error is passed on to the application
 * as it came, and reported to the test.
 */
final class Recorder {

    private final ServerExchange exchange;
    private final ProviderTypes.Endpoint endpoint;
    private final JsonNode request;
    private final Channel.Answered answered;

    /**
     * @param answered takes a complete answer, or a problem, before the last bytes of the response reach the
     *                 application: by the time the application has its answer, the test knows
     */
    Recorder(ServerExchange exchange, ProviderTypes.Endpoint endpoint, Channel.Answered answered) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        this.request = exchange.json();
        this.answered = answered;
    }

    void forward(Provider provider) {
        Route route = endpoint.route();
        byte[] body = route.upstreamBody(request, exchange.body);
        provider.forward(exchange.path, body, Jsons.text(request, "model"), exchange.credentials(),
                (response, started, failures) -> {
                    if (!response.isSuccessful()) {
                        answered.failed(failures.status(response, response.request().url().toString(), 1));
                        exchange.send(response.code(), response.header("Content-Type", Reply.JSON),
                                response.body().bytes());
                        return null;
                    }
                    String type = response.header("Content-Type", "");
                    Relay relay = route.relay(type, request);
                    if (relay != null) {
                        relay(relay, response, started);
                    } else {
                        whole(response, started);
                    }
                    return null;
                });
    }

    private void relay(Relay relay, Response response, long started) throws IOException {
        exchange.startStream(response.code(), relay.contentType());
        String problem;
        try {
            problem = relay.relay(response.body().source(), exchange, started,
                    answer -> answered.answered(answer, null, null));
        } catch (Relay.Unrecordable e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            answered.failed(notRecorded(problem));
        }
        exchange.endStream();
    }

    private void whole(Response response, long started) throws IOException {
        byte[] bytes = response.body().bytes();
        long wall = System.nanoTime() - started;
        String type = response.header("Content-Type", Reply.JSON);
        try {
            JsonNode json = RecordedRoute.object(new String(bytes, StandardCharsets.UTF_8));
            LiveAnswer answer = endpoint.route().readWhole(json, wall);
            answered.answered(answer, endpoint.route().kind() == Route.Kind.EMBED ? json : null, null);
        } catch (Relay.Unrecordable e) {
            answered.failed(notRecorded(e.getMessage()));
        }
        exchange.send(response.code(), type, bytes);
    }

    private FixtureException notRecorded(String why) {
        return new FixtureException("LlmServer passed the answer of the upstream server for " + exchange.path
                + " on to the application, but could not record it: " + why + ".");
    }
}
