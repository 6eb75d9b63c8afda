package io.github.llmtest.internal.echo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.llmtest.Message;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.BaseUrl;
import io.github.llmtest.internal.provider.ChatCall;
import io.github.llmtest.internal.provider.HttpTransport;
import io.github.llmtest.internal.provider.LiveAnswer;
import io.github.llmtest.internal.provider.Provider;
import io.github.llmtest.internal.provider.ProviderException;
import io.github.llmtest.internal.provider.Readiness;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.util.Map;

/** The echo provider's client: one JSON request, one JSON answer. */
public final class EchoClient implements Provider {

    /** A request body holding this makes {@link #forward} throw an {@link Error}, as a server thread might. */
    public static final String FAULT = "\"fault\":\"throw an Error\"";
    private static final MediaType JSON = MediaType.get("application/json");
    private final BaseUrl url;
    private final OkHttpClient http = new OkHttpClient();

    EchoClient(BaseUrl url) {
        this.url = url;
    }

    @Override
    public ObjectNode canonicalRequest(ChatCall call) {
        ObjectNode canonical = Jsons.object().put("endpoint", EchoType.PATH).put("provider", EchoType.ID)
                .put("model", call.model());
        String prompt = "";
        for (Message message : call.messages()) {
            prompt = message.content();
        }
        return canonical.put("prompt", prompt);
    }

    @Override
    public Readiness prepare(String model) {
        return new Readiness("echo 1", null, null);
    }

    @Override
    public LiveAnswer chat(ChatCall call) {
        ObjectNode body = canonicalRequest(call);
        body.remove("endpoint");
        body.remove("provider");
        long started = System.nanoTime();
        try (Response response = http.newCall(request(EchoType.PATH, Jsons.compact(body).getBytes())).execute()) {
            JsonNode json = Jsons.read(response.body().string());
            return EchoType.answer(json, System.nanoTime() - started);
        } catch (IOException e) {
            throw new EchoException(url.plain(), e);
        }
    }

    @Override
    public <T> T forward(String path, byte[] body, String model, Map<String, String> credentials,
                         HttpTransport.Forwarded<T> handler) {
        if (new String(body, java.nio.charset.StandardCharsets.UTF_8).contains(FAULT)) {
            throw new StackOverflowError("the echo provider was asked to fail with an Error");
        }
        try (Response response = http.newCall(request(path, body)).execute()) {
            return handler.handle(response, System.nanoTime(), null);
        } catch (IOException e) {
            throw new EchoException(url.plain(), e);
        }
    }

    private Request request(String path, byte[] body) {
        return new Request.Builder().url(url.plain() + path).post(RequestBody.create(body, JSON)).build();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** The echo server could not be reached. */
    static final class EchoException extends ProviderException {
        private static final long serialVersionUID = 1L;

        EchoException(String url, IOException cause) {
            super(Kind.UNREACHABLE, "The echo server at " + url + " could not be reached: " + cause.getMessage(),
                    url, null, null, cause);
        }
    }
}
