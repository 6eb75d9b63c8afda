package io.github.llmtest.internal.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.github.llmtest.internal.Durations;
import io.github.llmtest.internal.Jsons;
import io.github.llmtest.internal.Secrets;
import io.github.llmtest.internal.provider.ProviderType;
import io.github.llmtest.internal.provider.ProviderTypes;
import io.github.llmtest.internal.provider.Reply;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** The client closed the connection while the response was being written. */
    static final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ClientGone(IOException cause) {
            super("the client closed the connection", cause);
        }
    }

    /**
     * A request that cannot be served as it is: answered with this status and message, and, when it is the
     * application's fault rather than the server's being busy, a problem of the running test.
     */
    static final class BadRequest extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final boolean testsProblem;
        boolean close;

        BadRequest(int status, String message) {
            this(status, message, true);
        }

        BadRequest(int status, String message, boolean testsProblem) {
            super(message);
            this.status = status;
            this.testsProblem = testsProblem;
        }
    }

    /** Headers whose values are credentials: kept out of every fixture and report ({@link Secrets}). */
    private static final String[] CREDENTIAL_HEADERS = {"Authorization", "Proxy-Authorization", "api-key",
        "x-api-key", "x-goog-api-key"};
    private static final int PIECE = 1024 * 1024;

    private final HttpExchange exchange;
    final String method;
    final String path;
    /** The token of the test's own base URL path the call came to, or null. */
    final String token;
    byte[] body = new byte[0];
    private long held;
    private JsonNode json;
    private OutputStream stream;

    /** Takes in a request whose line and headers have arrived; its body is read by {@link #readBody()}. */
    ServerExchange(HttpExchange exchange) {
        this.exchange = exchange;
        this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String raw = exchange.getRequestURI().getPath();
        this.token = ServerScopes.tokenOf(raw);
        this.path = normalize(ServerScopes.withoutToken(raw));
    }

    /**
     * Remembers the credentials the application sent, whether they are forwarded or not, so that no fixture or
     * report can hold them ({@link Secrets#registerHeader}).
     *
     * @throws BadRequest when the application sent more different credentials than can be kept in mind
     */
    void rememberCredentials() {
        for (String name : CREDENTIAL_HEADERS) {
            for (String value : exchange.getRequestHeaders().getOrDefault(name, List.of())) {
                if (!Secrets.registerHeader(name, value)) {
                    throw new BadRequest(400, "the application sent more than " + Secrets.MAX_HEADER_VALUES
                            + " different credentials in this run, more than llmtest keeps in mind to keep them out "
                            + "of fixtures and reports; use the same key for every call of a test run");
                }
            }
        }
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

    /**
     * Reads the body whole, chunked or not, gzip or not, within the bytes held across all requests
     * ({@link ServerLimits#heldBound()}). A body that is refused is read on and discarded (up to
     * {@link ServerLimits#DRAINED_BYTES}) before the refusal is thrown, so that a client that sends its whole body
     * before it reads can read the refusal instead of a connection reset.
     *
     * @throws BadRequest 413 for a body over {@link ServerLimits#maxRequestBytes()}, 503 when the bytes held would go
     *                    over their bound, 408 when the body has not all come within the request timeout, 400 for
     *                    a body that says it is gzip and is not
     * @throws ClientGone when the client went away
     */
    void readBody() {
        InputStream raw = exchange.getRequestBody();
        long limit = ServerLimits.maxRequestBytes();
        boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
        long declared = declaredLength();
        boolean chunked = exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        if (declared < 0 && !chunked) {
            return; // no body: the JDK gives an empty stream
        }
        try {
            if (!gzip && declared > limit) {
                throw refuse(raw, tooLarge(limit, declared));
            }
            if (!gzip && declared >= 0) {
                if (!hold(declared)) {
                    throw refuse(raw, busy());
                }
                body = raw.readNBytes((int) declared);
                return;
            }
            InputStream in;
            try {
                in = gzip ? new GZIPInputStream(raw) : raw;
            } catch (java.util.zip.ZipException e) {
                throw refuse(raw, new BadRequest(400, "the request body says it is gzip (Content-Encoding) but is "
                        + "not: " + e.getMessage()));
            }
            List<byte[]> pieces = new ArrayList<>();
            long total = 0;
            while (true) {
                int want = (int) Math.min(PIECE, limit - total);
                if (want == 0) {
                    if (in.read() >= 0) {
                        throw refuse(raw, tooLarge(limit, -1));
                    }
                    break;
                }
                if (!hold(want)) {
                    throw refuse(raw, busy());
                }
                byte[] piece = in.readNBytes(want);
                unhold(want - piece.length);
                total += piece.length;
                pieces.add(piece);
                if (piece.length < want) {
                    break;
                }
            }
            body = join(pieces, total);
        } catch (IOException e) {
            if (Deadlines.expired()) {
                throw timedOut(false);
            }
            if (gzip && e instanceof java.util.zip.ZipException) {
                throw refuse(raw, new BadRequest(400, "the request body says it is gzip (Content-Encoding) but "
                        + "is not: " + e.getMessage()));
            }
            throw new ClientGone(e);
        }
    }

    /**
     * @param testsProblem whether the running test is yet to be told
     * @return the refusal of a request whose body did not all come within the request timeout
     */
    BadRequest timedOut(boolean testsProblem) {
        long declared = declaredLength();
        return new BadRequest(408, "the request was not all sent within "
                + Durations.format(ServerLimits.requestTimeout()) + (declared >= 0
                ? " (it announced a Content-Length of " + declared + " bytes)" : "")
                + ", so LlmServer closed the connection", testsProblem);
    }

    /** @return the Content-Length the client announced, or -1 (chunked, or none) */
    private long declaredLength() {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null || exchange.getRequestHeaders().containsKey("Transfer-Encoding")) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1; // the JDK refuses such a request before it gets here
        }
    }

    private boolean hold(long bytes) {
        if (!ServerLimits.reserve(bytes)) {
            return false;
        }
        held += bytes;
        return true;
    }

    private void unhold(long bytes) {
        ServerLimits.release(bytes);
        held -= bytes;
    }

    private static byte[] join(List<byte[]> pieces, long total) {
        byte[] joined = new byte[(int) total];
        int at = 0;
        for (byte[] piece : pieces) {
            System.arraycopy(piece, 0, joined, at, piece.length);
            at += piece.length;
        }
        return joined;
    }

    private BadRequest tooLarge(long limit, long declared) {
        return new BadRequest(413, "the application sent a request body over LlmServer's limit of "
                + size(limit) + (declared >= 0 ? " (Content-Length " + declared + " bytes)" : "")
                + "; no chat request comes near it. Look at what the application puts into the request");
    }

    private BadRequest busy() {
        return new BadRequest(503, "LlmServer already holds " + size(ServerLimits.held()) + " of request "
                + "bodies, its bound across all requests at once (" + size(ServerLimits.heldBound())
                + "); send the request again when fewer large requests are in flight", false);
    }

    /** @return bytes as a person reads them: {@code 32 MB}, {@code 512 KB}, {@code 100 bytes} */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 || bytes >= 10L * 1024 * 1024) {
            return bytes / (1024 * 1024) + " MB";
        }
        return bytes >= 1024 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /** Lets go of what the body holds, reads on and discards the rest of it, and returns the refusal. */
    private BadRequest refuse(InputStream raw, BadRequest refusal) {
        releaseHeld();
        body = new byte[0];
        byte[] discard = new byte[64 * 1024];
        long drained = 0;
        try {
            int read;
            while (drained <= ServerLimits.DRAINED_BYTES && (read = raw.read(discard)) >= 0) {
                drained += read;
            }
        } catch (IOException e) {
            throw new ClientGone(e);
        }
        refusal.close = drained > ServerLimits.DRAINED_BYTES;
        return refusal;
    }

    private void releaseHeld() {
        ServerLimits.release(held);
        held = 0;
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
        for (String name : new String[] {"Authorization", "api-key", "x-api-key"}) {
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
        Deadlines.begin();
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
        } finally {
            Deadlines.end();
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

    /** Answers a refusal; a connection whose body was not read to its end is closed after it. */
    void sendRefusal(BadRequest refusal) {
        if (refusal.close) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        sendError(refusal.status, refusal.getMessage());
    }

    /** Starts a streamed (chunked) response. */
    @Override
    public void startStream(int status, String contentType) {
        Deadlines.begin();
        try {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            exchange.sendResponseHeaders(status, 0);
            stream = exchange.getResponseBody();
        } catch (IOException e) {
            throw new ClientGone(e);
        } finally {
            Deadlines.end();
        }
    }

    /** Writes and flushes one piece of a streamed response. */
    @Override
    public void write(String piece) {
        Deadlines.begin();
        try {
            stream.write(piece.getBytes(StandardCharsets.UTF_8));
            stream.flush();
        } catch (IOException e) {
            throw new ClientGone(e);
        } finally {
            Deadlines.end();
        }
    }

    /** Ends a streamed response. */
    @Override
    public void endStream() {
        Deadlines.begin();
        try {
            stream.close();
        } catch (IOException e) {
            throw new ClientGone(e);
        } finally {
            Deadlines.end();
        }
    }

    /** @return whether the response has been started */
    boolean started() {
        return stream != null || exchange.getResponseCode() != -1;
    }

    /** Closes the exchange, whatever state it is in, and gives back the bytes its body held. */
    void close() {
        releaseHeld();
        exchange.close();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
