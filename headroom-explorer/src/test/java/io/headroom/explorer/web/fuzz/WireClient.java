package io.headroom.explorer.web.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends one {@link WireRequest} on a fresh connection and reads the one response, bounded by a
 * deadline enforced with socket timeouts (never sleeps): whatever the server does, the exchange
 * ends within the deadline with what was seen. When either side asked for {@code Connection: close},
 * it then waits (within the same kind of deadline) for the server to close.
 */
final class WireClient {
    private static final int MAX_HEAD = 256 * 1024;
    private static final int MAX_BODY = 4 * 1024 * 1024;
    private static final byte[] PROBE =
            "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final int port;
    private final Duration deadline;

    WireClient(int port, Duration deadline) {
        this.port = port;
        this.deadline = deadline;
    }

    Duration deadline() {
        return deadline;
    }

    /** How the connection ended, as far as the test is concerned. */
    enum Ending {
        /** answered; the connection may stay open (keep-alive) */
        ANSWERED,
        /** answered, then closed as asked */
        ANSWERED_THEN_CLOSED,
        /** answered, but still open a deadline after a Connection: close exchange */
        ANSWERED_NOT_CLOSED,
        /** closed (or reset) without a response: acceptable for garbage */
        CLOSED_WITHOUT_ANSWER,
        /** closed in the middle of a response */
        TRUNCATED,
        /** neither an answer nor a close within the deadline */
        SILENT,
        /** bytes came back that are not an HTTP/1.x response */
        NOT_HTTP,
        /** a HEAD answer followed by body bytes */
        BODY_AFTER_HEAD,
        /** a request sent after the answer got someone else's answer: the connection lost the framing */
        DESYNCHRONISED
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : String.join(", ", values);
        }
    }

    /** @param response null unless the ending is one of the ANSWERED ones */
    record Exchange(WireRequest request, Ending ending, Response response, String note) {
        String describe() {
            StringBuilder text =
                    new StringBuilder(request.summary()).append("\n    -> ").append(ending);
            if (response != null) {
                text.append(' ')
                        .append(response.status())
                        .append(" [")
                        .append(response.header("content-type"))
                        .append("] ")
                        .append(WireRequest.printable(WireRequest.shorten(response.body())));
            }
            if (note != null) {
                text.append(" (").append(note).append(')');
            }
            return text.toString();
        }
    }

    Exchange send(WireRequest request) {
        long end = System.nanoTime() + deadline.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) deadline.toMillis());
            String writeFailure = write(socket, request);
            DeadlineReader in = new DeadlineReader(socket);
            Response response;
            try {
                response = readResponse(in, request, end);
            } catch (EndOfStream e) {
                return new Exchange(
                        request, e.midResponse ? Ending.TRUNCATED : Ending.CLOSED_WITHOUT_ANSWER, null, writeFailure);
            } catch (NotHttp e) {
                return new Exchange(request, Ending.NOT_HTTP, null, e.getMessage());
            } catch (NumberFormatException e) {
                return new Exchange(request, Ending.NOT_HTTP, null, "bad length or chunk size: " + e.getMessage());
            } catch (SocketTimeoutException e) {
                return new Exchange(request, Ending.SILENT, null, "nothing within " + deadline.toMillis() + " ms");
            } catch (SocketException e) { // reset by the server: a close, for our purposes
                return new Exchange(request, Ending.CLOSED_WITHOUT_ANSWER, null, e.getMessage());
            }
            if (isEventStream(response.headers())) {
                return new Exchange(request, Ending.ANSWERED, response, writeFailure); // the head is the answer
            }
            boolean closeExpected = request.asksToClose() || "close".equalsIgnoreCase(response.header("connection"));
            if (closeExpected) {
                return awaitClose(in, request, response);
            }
            if (request.probeAfter()) {
                return probe(socket, in, request, response);
            }
            return new Exchange(request, Ending.ANSWERED, response, writeFailure);
        } catch (IOException e) {
            return new Exchange(request, Ending.CLOSED_WITHOUT_ANSWER, null, "connect or write failed: " + e);
        }
    }

    /** A server may answer and close before reading all we send (a 413 or 431): a failed write is not the end. */
    private static String write(Socket socket, WireRequest request) {
        try {
            socket.getOutputStream().write(request.bytes());
            socket.getOutputStream().flush();
            if (request.halfClose()) {
                socket.shutdownOutput();
            }
            return null;
        } catch (IOException e) {
            return "write stopped: " + e.getMessage();
        }
    }

    /**
     * Sends a second request (GET /api/health) on the kept-alive connection and reads what comes
     * next, without waiting for silence: it must be that request's 200. Body bytes first mean a HEAD
     * answer carried a body; another status first means bytes of our first request (a body the
     * server did not frame as we did) were read as a request of their own. A close is fine.
     */
    private Exchange probe(Socket socket, DeadlineReader in, WireRequest request, Response response)
            throws IOException {
        try {
            socket.getOutputStream().write(PROBE);
            socket.getOutputStream().flush();
            String next = readHead(in, System.nanoTime() + deadline.toNanos());
            if (!next.startsWith("HTTP/1.")) {
                return new Exchange(
                        request,
                        request.head() ? Ending.BODY_AFTER_HEAD : Ending.NOT_HTTP,
                        response,
                        "next bytes: " + WireRequest.printable(WireRequest.shorten(next)));
            }
            return next.startsWith("200", 9)
                    ? new Exchange(request, Ending.ANSWERED, response, null)
                    : new Exchange(
                            request,
                            Ending.DESYNCHRONISED,
                            response,
                            "the next answer was not the probe's: " + WireRequest.printable(WireRequest.shorten(next)));
        } catch (EndOfStream | SocketException e) {
            return new Exchange(request, Ending.ANSWERED_THEN_CLOSED, response, "closed before the probe was answered");
        } catch (SocketTimeoutException e) {
            return new Exchange(request, Ending.SILENT, response, "no answer to the probe following the answer");
        }
    }

    private Exchange awaitClose(DeadlineReader in, WireRequest request, Response response) throws IOException {
        try {
            in.read(System.nanoTime() + deadline.toNanos(), false);
            return request.head()
                    ? new Exchange(request, Ending.BODY_AFTER_HEAD, response, "bytes after the head")
                    : new Exchange(request, Ending.ANSWERED_NOT_CLOSED, response, "bytes after the response");
        } catch (EndOfStream | SocketException e) { // a reset is a close too
            return new Exchange(request, Ending.ANSWERED_THEN_CLOSED, response, null);
        } catch (SocketTimeoutException e) {
            return new Exchange(
                    request,
                    Ending.ANSWERED_NOT_CLOSED,
                    response,
                    "still open " + deadline.toMillis() + " ms after a Connection: close exchange");
        }
    }

    private Response readResponse(DeadlineReader in, WireRequest request, long end) throws IOException {
        while (true) {
            String head = readHead(in, end);
            if (!head.startsWith("HTTP/1.")) {
                throw new NotHttp("starts with " + WireRequest.printable(WireRequest.shorten(head)));
            }
            String[] lines = head.split("\r\n");
            int status;
            try {
                status = Integer.parseInt(lines[0].substring(9, 12));
            } catch (RuntimeException e) {
                throw new NotHttp("bad status line " + WireRequest.printable(lines[0]));
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.computeIfAbsent(
                                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    k -> new ArrayList<>())
                            .add(lines[i].substring(colon + 1).trim());
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // 100 Continue: the real answer follows
            }
            String body = request.head() || status == 204 || status == 304 || isEventStream(headers)
                    ? ""
                    : readBody(in, headers, end);
            return new Response(status, headers, body);
        }
    }

    /** Server-Sent Events never end by design: the head is the answer, and the stream is not read. */
    private static boolean isEventStream(Map<String, List<String>> headers) {
        List<String> type = headers.get("content-type");
        return type != null && type.get(0).toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private static String readHead(DeadlineReader in, long end) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read(end, head.size() > 0);
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD) {
                throw new NotHttp("response head over " + MAX_HEAD + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String readBody(DeadlineReader in, Map<String, List<String>> headers, long end) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<String> encoding = headers.get("transfer-encoding");
        List<String> length = headers.get("content-length");
        if (encoding != null
                && String.join(",", encoding).toLowerCase(Locale.ROOT).contains("chunked")) {
            while (true) {
                String sizeLine = readLine(in, end);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!readLine(in, end).isEmpty()) {
                        // trailers
                    }
                    break;
                }
                for (int i = 0; i < size; i++) {
                    append(body, in.read(end, true));
                }
                readLine(in, end);
            }
        } else if (length != null) {
            long n = Long.parseLong(length.get(0).trim());
            for (long i = 0; i < n; i++) {
                append(body, in.read(end, true));
            }
        } else {
            try {
                while (true) {
                    append(body, in.read(end, true));
                }
            } catch (EndOfStream e) {
                // the body runs to the close
            }
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private static void append(ByteArrayOutputStream body, int b) {
        if (body.size() < MAX_BODY) {
            body.write(b);
        }
    }

    private static String readLine(DeadlineReader in, long end) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read(end, true)) != '\n') {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    /**
     * Buffered reads bounded by a deadline: the socket timeout is set to the time left before each
     * refill of the buffer (one system call per refill, not per byte).
     */
    private static final class DeadlineReader {
        private final Socket socket;
        private final InputStream in;
        private final byte[] buffer = new byte[16 * 1024];
        private int position;
        private int limit;

        DeadlineReader(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        int read(long end, boolean midResponse) throws IOException {
            if (position == limit) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("deadline");
                }
                socket.setSoTimeout((int) Math.max(1, left));
                int n = in.read(buffer);
                if (n < 0) {
                    throw new EndOfStream(midResponse);
                }
                position = 0;
                limit = n;
            }
            return buffer[position++] & 0xff;
        }
    }

    private static final class EndOfStream extends IOException {
        final boolean midResponse;

        EndOfStream(boolean midResponse) {
            super("end of stream");
            this.midResponse = midResponse;
        }
    }

    private static final class NotHttp extends IOException {
        NotHttp(String message) {
            super(message);
        }
    }
}
