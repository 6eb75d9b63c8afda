package io.github.llmtest.fake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A server on a raw socket that behaves as llama.cpp's {@code llama-server} does after a streamed answer: its
 * headers announce {@code Keep-Alive}, yet it closes the connection once the answer is written. It closes when the
 * next request has arrived on that connection, without answering it, so that the client has certainly sent its
 * request on the pooled connection (the race a real server wins only sometimes). Each request is answered by a
 * {@link Reply} chosen by its number (0 first); a reply can also break off in its body.
 */
public final class ClosingServer implements AutoCloseable {

    /** What one request gets. */
    public record Reply(String head, String body, boolean breakOff) {

        /** A complete chunked answer with the given content type, kept alive by its headers. */
        public static Reply chunked(String contentType, String body) {
            return new Reply(head(contentType), body, false);
        }

        /** The headers and the start of a chunked body, then the connection closed. */
        public static Reply brokenAfter(String contentType, String start) {
            return new Reply(head(contentType), start, true);
        }

        private static String head(String contentType) {
            return "HTTP/1.1 200 OK\r\nContent-Type: " + contentType + "\r\nKeep-Alive: timeout=5, max=100\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n";
        }
    }

    private final ServerSocket socket;
    private final IntFunction<Reply> replies;
    private final AtomicInteger requestCount = new AtomicInteger();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private ClosingServer(IntFunction<Reply> replies) throws IOException {
        this.replies = replies;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "closing-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param replies the reply to each request, by its number
     * @return a started server on a free loopback port
     */
    public static ClosingServer start(IntFunction<Reply> replies) {
        try {
            return new ClosingServer(replies);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return such as {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** @return how many complete requests arrived and were answered (or cut off) */
    public int requestCount() {
        return requestCount.get();
    }

    /** @return how many connections were opened */
    public int connectionCount() {
        return connectionCount.get();
    }

    /** @return each answered request's head, lower case */
    public List<String> requests() {
        return requests;
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connectionCount.incrementAndGet();
                Thread t = new Thread(() -> serve(connection), "closing-server-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            readBody(in, head);
            requests.add(head.toLowerCase(Locale.ROOT));
            Reply reply = replies.apply(requestCount.getAndIncrement());
            out.write(reply.head().getBytes(StandardCharsets.US_ASCII));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            if (reply.breakOff()) {
                out.flush();
                return;
            }
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // keep-alive announced, but closed as soon as the next request begins to arrive
            in.read();
        } catch (IOException e) {
            // the client went away, or sent nothing more
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void readBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).strip()));
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(5_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
