package io.github.llmtest;

import io.github.llmtest.fake.FakeOllama;
import io.github.llmtest.internal.echo.EchoClient;
import io.github.llmtest.internal.server.RecordingServer;
import io.github.llmtest.internal.server.ServerLimits;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LlmServer} as a network service facing hostile HTTP: the bytes it holds across all requests, bodies over
 * the limit, clients that send slowly or never finish, and requests it cannot read, each of which fails the running
 * test. Bounds are lowered where that proves them without holding much memory or waiting long.
 */
class LlmServerLimitsTest {

    static final List<String> SEEN = new CopyOnWriteArrayList<>();
    static volatile LlmServerTest.Action action;

    @TempDir
    Path fixtures;
    FakeOllama ollama;

    @LlmTest
    static class App {
        @org.junit.jupiter.api.Test
        void run(LlmServer server) throws Exception {
            action.run(server);
        }
    }

    @BeforeEach
    void start() {
        SEEN.clear();
        ollama = FakeOllama.start();
    }

    @AfterEach
    void stop() {
        ollama.close();
        ServerLimits.heldBound(ServerLimits.DEFAULT_HELD_BYTES);
        ServerLimits.requestTimeout(ServerLimits.DEFAULT_REQUEST_TIMEOUT);
        ServerLimits.threads(ServerLimits.DEFAULT_THREADS);
    }

    EngineExecutionResults run(String mode, LlmServerTest.Action what) {
        action = what;
        return Kit.run(Kit.config(ollama.url(), fixtures, mode), App.class);
    }

    /** How a client sends a body over the limit. */
    record Upload(String label, long size, boolean chunked, boolean expectContinue, boolean gzip) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Upload> oversized() {
        return Stream.of(new Upload("200 MB with a Content-Length", 200L * 1024 * 1024, false, false, false),
                new Upload("33 MB after Expect: 100-continue", 33L * 1024 * 1024, false, true, false),
                new Upload("33 MB chunked after Expect: 100-continue", 33L * 1024 * 1024, true, true, false),
                new Upload("a gzip bomb: 64 MB of zeros in 64 KB", 64L * 1024 * 1024, false, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oversized")
    void aBodyOverTheLimitIsAnsweredWith413AndItsMessageAndFailsTheTest(Upload upload) {
        EngineExecutionResults results = run("replay", server -> SEEN.add(send(server.ollamaUrl(), upload)));

        assertThat(SEEN).singleElement().asString().startsWith("HTTP/1.1 413")
                .contains("the application sent a request body over LlmServer's limit of 32 MB");
        assertThat(Kit.failureMessage(results))
                .contains("LlmServer could not serve the request the application sent to /api/chat")
                .contains("the application sent a request body over LlmServer's limit of 32 MB")
                .contains("The application got HTTP 413 instead of an answer");
        assertThat(ServerLimits.held()).as("bytes held once every request is done").isZero();
    }

    @Test
    void aRequestTheServerCannotReadFailsTheTestInReplayNamingWhatWasWrong() {
        EngineExecutionResults results = run("replay", server -> {
            for (String body : new String[] {"{\"model\": \"phi4\", \"messages\": [", "[1, 2]", ""}) {
                try (Response response = LlmServerTest.post(server.ollamaUrl() + "/api/chat", body)) {
                    SEEN.add(response.code() + " " + response.body().string());
                }
            }
        });

        assertThat(SEEN).hasSize(3).allSatisfy(seen -> assertThat(seen).startsWith("400 "));
        Throwable failure = Kit.failure(results);
        assertThat(failure).isInstanceOf(FixtureException.class)
                .hasMessageContaining("LlmServer could not serve the request the application sent to /api/chat: "
                        + "the request body is not JSON")
                .hasMessageContaining("The application got HTTP 400 instead of an answer");
        assertThat(Arrays.stream(failure.getSuppressed()).map(Throwable::getMessage))
                .anySatisfy(m -> assertThat(m).contains("the request body is not a JSON object"))
                .anySatisfy(m -> assertThat(m).contains("missing request body"));
    }

    @Test
    void theBytesHeldAcrossConcurrentRequestsAreBoundedAndTheRestAnswered503() throws Exception {
        ServerLimits.heldBound(2L * 1024 * 1024);
        int clients = 6;
        int size = 1024 * 1024;
        EngineExecutionResults results = run("record", server -> {
            URI root = URI.create(server.ollamaUrl());
            List<Socket> sockets = new ArrayList<>();
            try {
                List<byte[]> bodies = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    byte[] body = padded(LlmServerTest.chat("question " + i + " ", false), size);
                    Socket socket = new Socket(root.getHost(), root.getPort());
                    socket.setSoTimeout(20_000);
                    sockets.add(socket);
                    bodies.add(body);
                    OutputStream out = socket.getOutputStream();
                    out.write(head("/api/chat", root, "Content-Length: " + body.length));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                }
                // every request has come in: two hold their bodies, the others were refused and are being drained
                await(() -> ServerLimits.held() == 2L * size
                        && RecordingServer.shared().busyThreads() == clients, Duration.ofSeconds(10));
                for (int i = 0; i < clients; i++) {
                    OutputStream out = sockets.get(i).getOutputStream();
                    out.write(bodies.get(i), bodies.get(i).length / 2, bodies.get(i).length - bodies.get(i).length / 2);
                    out.flush();
                }
                for (Socket socket : sockets) {
                    SEEN.add(readResponse(socket.getInputStream()));
                }
            } finally {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        });

        assertThat(Kit.failureMessage(results)).isEmpty();
        assertThat(SEEN.stream().filter(s -> s.startsWith("HTTP/1.1 200"))).hasSize(2);
        assertThat(SEEN.stream().filter(s -> s.startsWith("HTTP/1.1 503"))).hasSize(clients - 2)
                .allSatisfy(s -> assertThat(s).contains("LlmServer already holds 2 MB of request bodies, its bound "
                        + "across all requests at once (2 MB)"));
        assertThat(ServerLimits.held()).as("bytes held once every request is done").isZero();
    }

    @Test
    void slowClientsTimeOutWithoutTakingAThreadEachAndANormalCallGetsThrough() throws Exception {
        ServerLimits.requestTimeout(Duration.ofSeconds(1));
        ServerLimits.threads(8);
        RecordingServer server = RecordingServer.shared();
        URI root = URI.create(server.ollamaUrl());
        int slow = 12;
        List<Socket> sockets = new ArrayList<>();
        ExecutorService dribblers = Executors.newFixedThreadPool(slow);
        try {
            List<Future<?>> dribbling = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                Socket socket = new Socket(root.getHost(), root.getPort());
                socket.setSoTimeout(15_000);
                sockets.add(socket);
                if (i % 2 == 0) {
                    dribbling.add(dribblers.submit(() -> dribble(socket))); // slowloris: a header byte at a time
                } else {
                    OutputStream out = socket.getOutputStream(); // a Content-Length never completed
                    out.write(head("/api/chat", root, "Content-Length: 1000"));
                    out.write("{\"model\"".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
            long most = 0;
            long until = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (System.nanoTime() < until) {
                most = Math.max(most, server.busyThreads());
                Thread.sleep(20);
            }
            assertThat(most).as("threads serving the slow clients").isEqualTo(8);

            long started = System.nanoTime();
            try (Response response = LlmServerTest.HTTP.newCall(new Request.Builder().url(root + "/").build())
                    .execute()) {
                assertThat(response.code()).isEqualTo(200);
                assertThat(response.body().string()).isEqualTo("Ollama is running");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the normal call waited for a thread")
                    .isLessThan(Duration.ofSeconds(5));

            for (Socket socket : sockets) {
                assertThat(closedByServer(socket)).as("the server closed a slow connection").isTrue();
            }
            for (Future<?> future : dribbling) {
                future.get(10, TimeUnit.SECONDS);
            }
            await(() -> server.busyThreads() == 0, Duration.ofSeconds(5));
        } finally {
            dribblers.shutdownNow();
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyNeverCompletedDuringATestFailsItSayingTheRequestWasNotAllSent() {
        ServerLimits.requestTimeout(Duration.ofSeconds(1));
        EngineExecutionResults results = run("replay", server -> {
            URI root = URI.create(server.ollamaUrl());
            try (Socket socket = new Socket(root.getHost(), root.getPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(head("/api/chat", root, "Content-Length: 1000"));
                socket.getOutputStream().write("{\"model\"".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                SEEN.add(String.valueOf(closedByServer(socket)));
            }
        });

        assertThat(SEEN).containsExactly("true");
        assertThat(Kit.failureMessage(results))
                .contains("LlmServer could not serve the request the application sent to /api/chat: the request was "
                        + "not all sent within 1.00 s (it announced a Content-Length of 1000 bytes), so LlmServer "
                        + "closed the connection");
    }

    @Test
    void anErrorWhileServingAnswers500ClosesTheConnectionAndFailsTheTest() throws InterruptedException {
        action = server -> {
            try (Response response = LlmServerTest.post(server.ollamaUrl() + "/echo/answer",
                    "{\"model\":\"parrot\",\"prompt\":\"Say hi\"," + EchoClient.FAULT + "}")) {
                SEEN.add(response.code() + " " + response.body().string());
            }
        };
        EngineExecutionResults results = Kit.run(java.util.Map.of("llmtest.echo.url", "http://127.0.0.1:1",
                LlmTest.FIXTURES_DIR_PARAMETER, fixtures.toString(), LlmTest.MODE_PARAMETER, "record"), App.class);

        assertThat(SEEN).singleElement().asString().startsWith("500 ").contains("java.lang.StackOverflowError");
        assertThat(Kit.failureMessage(results)).contains("LlmServer could not serve the request the application sent "
                + "to /echo/answer: LlmServer failed while serving it: java.lang.StackOverflowError: the echo "
                + "provider was asked to fail with an Error");
        await(() -> RecordingServer.shared().busyThreads() == 0, Duration.ofSeconds(5));
    }

    /** Sends a body over the limit the way the upload says, as a client that writes it all before it reads. */
    static String send(String url, Upload upload) throws IOException {
        URI root = URI.create(url);
        byte[] zipped = upload.gzip() ? gzipZeros(upload.size()) : null;
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String framing = upload.chunked() ? "Transfer-Encoding: chunked"
                    : "Content-Length: " + (zipped != null ? zipped.length : upload.size());
            if (upload.gzip()) {
                framing += "\r\nContent-Encoding: gzip";
            }
            if (upload.expectContinue()) {
                framing += "\r\nExpect: 100-continue";
            }
            out.write(head("/api/chat", root, framing));
            out.flush();
            if (upload.expectContinue()) {
                assertThat(RawHttp.readHead(in)).startsWith("HTTP/1.1 100");
            }
            if (zipped != null) {
                out.write(zipped);
            } else {
                byte[] piece = new byte[256 * 1024];
                Arrays.fill(piece, (byte) ' ');
                for (long sent = 0; sent < upload.size(); sent += piece.length) {
                    if (upload.chunked()) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece, 0, (int) Math.min(piece.length, upload.size() - sent));
                    if (upload.chunked()) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                if (upload.chunked()) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
            out.flush();
            return readResponse(in);
        }
    }

    static byte[] gzipZeros(long size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            byte[] zeros = new byte[1024 * 1024];
            for (long written = 0; written < size; written += zeros.length) {
                out.write(zeros);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] head(String path, URI root, String framing) {
        return ("POST " + path + " HTTP/1.1\r\nHost: " + root.getHost() + ":" + root.getPort() + "\r\n"
                + "Content-Type: application/json\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** A chat request whose question is padded with spaces to exactly {@code size} bytes. */
    static byte[] padded(String chat, int size) {
        String marker = "\"content\":\"";
        int at = chat.indexOf(marker) + marker.length();
        int padding = size - chat.getBytes(StandardCharsets.UTF_8).length;
        return (chat.substring(0, at) + " ".repeat(padding) + chat.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    /** Sends a request line and headers a byte every 100 ms, until the server closes the connection. */
    static Void dribble(Socket socket) throws IOException, InterruptedException {
        byte[] head = "POST /api/chat HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        try {
            for (int i = 0; i < 200; i++) {
                socket.getOutputStream().write(i < head.length ? head[i] : 'a');
                socket.getOutputStream().flush();
                Thread.sleep(100);
            }
        } catch (SocketException e) {
            return null; // closed by the server
        }
        throw new AssertionError("the server kept a connection sending a header byte every 100 ms for 20 s");
    }

    /** @return true once the server closed the connection (end of stream or reset), false if it stayed open */
    static boolean closedByServer(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // whatever came before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static void await(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long until = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not so within " + within + ": held " + ServerLimits.held()
                        + " bytes, busy threads " + RecordingServer.shared().busyThreads());
            }
            Thread.sleep(10);
        }
    }

    static String readResponse(InputStream in) throws IOException {
        String head = RawHttp.readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
