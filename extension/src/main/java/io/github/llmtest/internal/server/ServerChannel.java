package io.github.llmtest.internal.server;

import io.github.llmtest.internal.call.Channel;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Route;

/**
 * An application's call as the pipeline sees it: forwarded upstream by the {@link Recorder}, replayed in the
 * provider's own shapes, refused with an error in the provider's shape.
 */
final class ServerChannel implements Channel {

    private final ServerExchange exchange;
    private final ProviderTypes.Endpoint endpoint;

    ServerChannel(ServerExchange exchange, ProviderTypes.Endpoint endpoint) {
        this.exchange = exchange;
        this.endpoint = endpoint;
    }

    @Override
    public boolean viaServer() {
        return true;
    }

    @Override
    public void live(Provider provider, Answered answered) {
        new Recorder(exchange, endpoint, answered).forward(provider);
    }

    @Override
    public void replay(Interaction recorded) {
        if (endpoint.route().kind() == Route.Kind.EMBED) {
            if (recorded.body() == null) {
                exchange.sendError(500, "llmtest: the recording for this request in the fixture file has no "
                        + "\"response\".\"body\"; record the test again");
                return;
            }
            exchange.sendJson(200, recorded.body());
            return;
        }
        endpoint.route().replay(recorded, exchange.json(), exchange);
    }

    @Override
    public void refuse(int status, RuntimeException problem) {
        if (!exchange.started()) {
            exchange.sendError(status, problem.getMessage());
        }
    }
}
