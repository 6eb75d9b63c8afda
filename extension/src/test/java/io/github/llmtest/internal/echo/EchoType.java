package io.github.llmtest.internal.echo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.AdaptiveLimit;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.Recording;
import io.github.llmtest.internal.provider.Relay;
import io.github.llmtest.internal.provider.Reply;
import io.github.llmtest.internal.provider.Route;
import io.github.llmtest.internal.provider.ServerMetrics;
import io.github.llmtest.internal.provider.Timeouts;

import java.time.Duration;
import java.util.List;

/**
 * A third provider, sketched to check the pipeline's promise that a new provider is one package and one
 * registration ({@code META-INF/services/io.github.llmtest.internal.provider.ProviderType} on the test class path):
 * models named {@code echo:<model>}, a server at {@code llmtest.echo.url} speaking a one-endpoint JSON protocol,
 * {@code POST /echo/answer} with {@code {"model", "prompt"}} answered by {@code {"model", "text", "tokens"}}.
 */
public final class EchoType implements ProviderType {

    /** The id and model prefix. */
    public static final String ID = "echo";
    /** The one endpoint. */
    static final String PATH = "/echo/answer";

    /** Made by the service loader. */
    public EchoType() {
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String serverName() {
        return "the echo server";
    }

    @Override
    public String urlParameter() {
        return "llmtest.echo.url";
    }

    @Override
    public String urlVariable() {
        return "ECHO_URL";
    }

    @Override
    public String keyVariable() {
        return null;
    }

    @Override
    public BaseUrl baseUrl(String configured) {
        return BaseUrl.of(configured == null ? "http://127.0.0.1:9" : configured);
    }

    @Override
    public Provider client(BaseUrl url, String apiKey, Timeouts timeouts, AdaptiveLimit limit) {
        return new EchoClient(url);
    }

    @Override
    public String recordAdvice(String upstreamUrl) {
        return "Record it against the echo server (" + upstreamUrl + ") with:";
    }

    @Override
    public String recordPrefix() {
        return "";
    }

    @Override
    public boolean serves(String path) {
        return path.startsWith("/echo/");
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route() {
            @Override
            public String path() {
                return PATH;
            }

            @Override
            public Kind kind() {
                return Kind.GENERATE;
            }

            @Override
            public boolean streams(JsonNode body) {
                return false;
            }

            @Override
            public Relay relay(String contentType, JsonNode request) {
                return null;
            }

            @Override
            public LiveAnswer readWhole(JsonNode json, long wallNanos) {
                return answer(json, wallNanos);
            }

            @Override
            public void replay(Recording recorded, JsonNode request, Reply reply) {
                reply.sendJson(200, Jsons.object().put("model", recorded.model()).put("text", recorded.text())
                        .put("tokens", recorded.metrics().evalCount()));
            }
        });
    }

    static LiveAnswer answer(JsonNode json, long wallNanos) {
        if (!json.path("text").isTextual()) {
            throw new Relay.Unrecordable("the echo server's answer has no text: " + json);
        }
        ServerMetrics metrics = new ServerMetrics(null, null, null, null, json.path("tokens").asLong(), null);
        return new LiveAnswer(json.path("model").asText(), json.path("text").asText(), "", "stop", null, metrics,
                Duration.ofNanos(wallNanos), null, null, null);
    }

    @Override
    public JsonNode errorBody(int status, String message) {
        return Jsons.object().put("echo_error", message);
    }

    @Override
    public boolean isProbe(String method, String path) {
        return false;
    }

    @Override
    public void answerProbe(String path, JsonNode body, List<? extends Recording> recorded, Reply reply) {
        throw new UnsupportedOperationException("the echo protocol has no probes");
    }
}
