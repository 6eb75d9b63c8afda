package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One request to the server and its response: the request read whole (chunked or not, gzip or not), and the
 * response written as the real servers write it, whole or streamed. Writing to a client that went away throws
 * {@link ClientGone}, so that it is never mistaken for a failure of the upstream server.
 */
final class ServerExchange implements Reply {

    /** Requests larger than this are refused: no chat request comes near it. */
    static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    /** The client closed the connection while the response was being written. */
    static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("the client closed the connection", cause);
        }
    }

    /** A request that cannot be served as it is: answered with this status and message. */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final HttpExchange exchange;
    final String method;
    final String path;
    final byte[] body;
    private JsonNode json;
    private OutputStream stream;

    ServerExchange(HttpExchange exchange) throws IOException {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        this.path = normalize(exchange.getRequestURI().getPath());
        this.body = readBody(exchange);
    }

    /** {@code /v1/v1/...} (a root-appending client given the /v1 URL) and trailing slashes come to one path. */
    static String normalize(String raw) {
        String path = raw == null || raw.isEmpty() ? "/" : raw;
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        while (path.startsWith("/v1/v1/") || path.equals("/v1/v1")) {
            path = path.substring(3);
        }
        return path;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            in = new GZIPInputStream(in);
        }
        byte[] bytes = in.readNBytes(MAX_REQUEST_BYTES + 1);
        if (bytes.length > MAX_REQUEST_BYTES) {
            throw new BadRequest(413, "the request body is larger than " + MAX_REQUEST_BYTES / (1024 * 1024)
                    + " MB");
        }
        return bytes;
    }

    /** @return the provider whose API the path belongs to, for errors in its shape */
    ProviderType provider() {
        return ProviderTypes.serving(path).orElse(ProviderTypes.defaultType());
    }

    /**
     * @return the body as a JSON object
     * @throws BadRequest when it is not one
     */
    JsonNode json() {
        if (json == null) {
            String text = new String(body, StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new BadRequest(400, "missing request body");
            }
            try {
                json = Jsons.read(text);
            } catch (IOException e) {
                throw new BadRequest(400, "the request body is not JSON: " + e.getMessage());
            }
            if (json == null || !json.isObject()) {
                throw new BadRequest(400, "the request body is not a JSON object");
            }
        }
        return json;
    }

    /** @return the credentials the application sent, by lower-case header name, for forwarding */
    Map<String, String> credentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        for (String name : new String[] {"Authorization", "api-key"}) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value != null && !value.isBlank()) {
                credentials.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        return credentials;
    }

    private boolean acceptsGzip() {
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        return accepted != null && accepted.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /** Sends a whole body, gzipped when the client asked for it and it is worth it. */
    @Override
    public void send(int status, String contentType, byte[] bytes) {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            if ("HEAD".equals(method)) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            if (acceptsGzip() && bytes.length > 256) {
                exchange.getResponseHeaders().set("Content-Encoding", "gzip");
                exchange.sendResponseHeaders(status, 0);
                try (OutputStream out = new GZIPOutputStream(exchange.getResponseBody())) {
                    out.write(bytes);
                }
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    @Override
    public void sendJson(int status, JsonNode node) {
        send(status, JSON, Jsons.compact(node).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void sendText(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with an error in the provider's own shape, which its clients read the message from. */
    void sendError(int status, String message) {
        sendJson(status, provider().errorBody(status, message));
    }

    /** Starts a streamed (chunked) response. */
    @Override
    public void startStream(int status, String contentType) {
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(status, 0);
            stream = exchange.getResponseBody();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Writes and flushes one piece of a streamed response. */
    @Override
    public void write(String piece) {
        try {
            stream.write(piece.getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** Ends a streamed response. */
    @Override
    public void endStream() {
        try {
            stream.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        }
    }

    /** @return whether the response has been started */
    boolean started() {
        return stream != null || exchange.getResponseCode() != -1;
    }

    /** Closes the exchange, whatever state it is in. */
    void close() {
        exchange.close();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
