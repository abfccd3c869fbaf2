package io.headroom.toolkit.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client would send (a NUL in the path, a control
 * character in the method, a TLS ClientHello, a request line without a version) and for watching when
 * the server closes. Every read has a deadline, so a server that holds the connection fails the test
 * instead of hanging it.
 */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final long openedNanos;

    private RawHttp(Socket socket, long openedNanos) {
        this.socket = socket;
        this.openedNanos = openedNanos;
    }

    public static RawHttp connect(int port) {
        try {
            long beforeConnect = System.nanoTime(); // no later than the server's accept: a lower bound holds
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return new RawHttp(socket, beforeConnect);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot connect to port " + port, e);
        }
    }

    /** One request on a fresh connection, read until the server closes or the deadline passes. */
    public static Received exchange(int port, byte[] request, Duration deadline) {
        try (RawHttp http = connect(port)) {
            http.send(request);
            return http.readUntilClose(deadline);
        }
    }

    public static Received exchange(int port, String request, Duration deadline) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), deadline);
    }

    /** Time since just before the connection was opened. */
    public Duration sinceOpened() {
        return Duration.ofNanos(System.nanoTime() - openedNanos);
    }

    public void send(byte[] bytes) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new IllegalStateException("send failed after " + sinceOpened().toMillis() + " ms", e);
        }
    }

    public void send(String text) {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Tries to send; false when the server has closed the connection (reset or broken pipe). */
    public boolean trySend(String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads one response whose length is known (Content-Length), leaving the connection open.
     *
     * @param head true for the answer to a HEAD: Content-Length describes a body that is not sent
     */
    public Received readResponse(Duration deadline, boolean head) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long end = System.nanoTime() + deadline.toNanos();
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                Received partial = Received.parse(bytes.toByteArray(), false, sinceOpened());
                if (partial != null && (head || partial.body().length >= partial.contentLength())) {
                    return partial;
                }
                socket.setSoTimeout(remainingMillis(end));
                int b = in.read();
                if (b < 0) {
                    throw new AssertionError("closed before a complete response: " + bytes);
                }
                bytes.write(b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no complete response within " + deadline + ": " + bytes);
        } catch (IOException e) {
            throw new AssertionError("read failed: " + e, e);
        }
    }

    /** Reads everything until the server closes; fails when it does not close within the deadline. */
    public Received readUntilClose(Duration deadline) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long end = System.nanoTime() + deadline.toNanos();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                socket.setSoTimeout(remainingMillis(end));
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server held the connection for " + deadline + "; received so far: "
                    + bytes.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // a reset is a close too (the server closed with unread request bytes)
        }
        Received received = Received.parse(bytes.toByteArray(), true, sinceOpened());
        return received != null ? received : Received.nothing(sinceOpened());
    }

    private static int remainingMillis(long endNanos) throws SocketTimeoutException {
        long left = (endNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        return (int) left;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to release
        }
    }

    /**
     * What came back: status 0 when the server closed without a response.
     *
     * @param closed whether the server closed the connection (read until close)
     * @param after time from opening the connection to the end of reading
     */
    public record Received(int status, Map<String, String> headers, byte[] body, boolean closed, Duration after) {
        static Received nothing(Duration after) {
            return new Received(0, Map.of(), new byte[0], true, after);
        }

        /** A header by case-insensitive name; null when absent. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        long contentLength() {
            String length = header("content-length");
            return length == null ? 0 : Long.parseLong(length.trim());
        }

        /** Null when the bytes hold no complete status line and header section yet. */
        static Received parse(byte[] bytes, boolean closed, Duration after) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return null;
            }
            String[] lines = text.substring(0, end).split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            byte[] body = new byte[bytes.length - end - 4];
            System.arraycopy(bytes, end + 4, body, 0, body.length);
            return new Received(status, headers, body, closed, after);
        }
    }
}
