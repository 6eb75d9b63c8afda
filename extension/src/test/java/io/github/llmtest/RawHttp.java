package io.github.llmtest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** HTTP/1.1 by hand, for what high-level clients do not let a test choose: chunks in pieces, Expect, keep-alive. */
final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends two requests to {@code /api/chat} on one connection: the first with a chunked body written in two
     * pieces (after waiting for 100 Continue when {@code expectContinue}), the second with a Content-Length and the
     * question "again". Neither has a Content-Type.
     *
     * @return everything the server wrote, as text
     */
    static String exchange(String root, String firstBody, boolean chunked, boolean expectContinue) throws IOException {
        URI uri = URI.create(root);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            StringBuilder transcript = new StringBuilder();
            String head = "POST /api/chat HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: "
                    + firstBody.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                    + (expectContinue ? "Expect: 100-continue\r\n" : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (expectContinue) {
                transcript.append(readHead(in));
            }
            byte[] body = firstBody.getBytes(StandardCharsets.UTF_8);
            int half = body.length / 2;
            writeChunk(out, body, 0, half, chunked);
            pause();
            writeChunk(out, body, half, body.length, chunked);
            pause();
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            transcript.append(readResponse(in));
            String second = "{\"model\":\"phi4\",\"messages\":[{\"role\":\"user\",\"content\":\"again\"}],\"stream\":false}";
            byte[] secondBytes = second.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /api/chat HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Length: " + secondBytes.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(secondBytes);
            out.flush();
            transcript.append(readResponse(in));
            return transcript.toString();
        }
    }

    private static void writeChunk(OutputStream out, byte[] body, int from, int to, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(to - from) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(body, from, to - from);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The status line and headers of a response, up to the blank line after them. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8) + "\n";
    }
}
