package io.github.llmtest.internal.server;

import io.github.llmtest.LlmMode;
import io.github.llmtest.internal.call.CallSession;
import io.github.llmtest.internal.fixture.Interaction;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Reply;

import java.util.List;
import java.util.Optional;

/**
 * The endpoints clients call to look around rather than to generate, such as Ollama's {@code /api/tags} or
 * {@code /v1/models}: each provider says which are its. With a live upstream they are passed through; in replay (and
 * in auto mode when the upstream cannot be reached) the provider answers them from the models the running test's
 * recordings name, in the real server's shape.
 */
final class Probes {

    private Probes() {
    }

    /** @return true when the request was a probe and has been answered */
    static boolean answer(ServerExchange exchange, ServerScopes scopes) {
        Optional<ProviderType> provider = ProviderTypes.serving(exchange.path)
                .filter(type -> type.isProbe(exchange.method, exchange.path));
        if (provider.isEmpty()) {
            return false;
        }
        ServerScopes.Resolution who = scopes.current(exchange.token);
        List<Interaction> recorded = who.attributed() ? who.session().fixtureFile().all() : List.of();
        if (who.attributed() && who.session().mode() != LlmMode.REPLAY && provider.get().passesOn(exchange.path)
                && passedThrough(exchange, who.session(), provider.get())) {
            return true;
        }
        provider.get().answerProbe(exchange.path, exchange.method.equals("POST") ? exchange.json() : null, recorded,
                exchange);
        return true;
    }

    /** @return false when the upstream cannot be reached in auto mode, so the recordings answer instead */
    private static boolean passedThrough(ServerExchange exchange, CallSession session, ProviderType provider) {
        try {
            byte[] body = exchange.method.equals("POST") ? exchange.body : null;
            session.provider(provider).forward(exchange.path, body, null, exchange.credentials(),
                    (response, started, failures) -> {
                        exchange.send(response.code(), response.header("Content-Type", Reply.JSON),
                                response.body().bytes());
                        return null;
                    });
            return true;
        } catch (ProviderException e) {
            if (session.mode() == LlmMode.AUTO) {
                return false;
            }
            exchange.sendError(502, e.getMessage());
            return true;
        }
    }
}
