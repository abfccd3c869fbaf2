package io.headroom.explorer.web.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The exact bytes one fuzz request puts on a fresh connection, and how to read what comes back.
 * Built by hand rather than by an HTTP client, because the point is to send what clients refuse
 * to: control characters in the method, bodies on GET, contradictory lengths, no version at all.
 *
 * @param summary    how reports show the request (its line and notable headers, shortened)
 * @param bytes      what is written
 * @param head       a HEAD request: the answer has no body, whatever its Content-Length says
 * @param halfClose  shut the sending side after writing (a truncated body must end, not wait)
 * @param probeAfter after a keep-alive answer, send a second request on the connection: its answer
 *                   must come next (not a body, not an answer to leftovers of ours read as a request)
 */
record WireRequest(String summary, byte[] bytes, boolean head, boolean halfClose, boolean probeAfter) {
    private static final int SUMMARY_PART = 160;

    record Header(String name, String value) {
        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    /** Anything at all, sent as is. */
    static WireRequest raw(String summary, byte[] bytes) {
        return new WireRequest(summary, bytes, false, false, false);
    }

    static Builder http(String method, String target) {
        return new Builder(method, target);
    }

    /** Connection: close, or HTTP/1.0 without keep-alive: the server must close after answering. */
    boolean asksToClose() {
        String text = new String(bytes, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd + 2);
        int lineEnd = head.indexOf("\r\n");
        boolean http10 = lineEnd > 0 && head.substring(0, lineEnd).endsWith(" http/1.0");
        return head.contains("\r\nconnection: close\r\n")
                || (http10 && !head.contains("\r\nconnection: keep-alive\r\n"));
    }

    /** An HTTP/1.1 request: Host is added unless given (or left out on purpose), Content-Length likewise. */
    static final class Builder {
        private final String method;
        private final String target;
        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private String version = " HTTP/1.1";

        Builder version(String httpVersion) {
            version = " " + httpVersion;
            return this;
        }

        private boolean automaticHost = true;
        private boolean automaticLength = true;
        private boolean halfClose;
        private boolean probeAfter;

        private Builder(String method, String target) {
            this.method = method;
            this.target = target;
        }

        Builder header(String name, String value) {
            headers.add(new Header(name, value));
            if (name.equalsIgnoreCase("host")) {
                automaticHost = false;
            }
            if (name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding")) {
                automaticLength = false;
            }
            return this;
        }

        Builder headers(List<Header> more) {
            more.forEach(h -> header(h.name(), h.value()));
            return this;
        }

        Builder body(String text) {
            return body(text.getBytes(StandardCharsets.UTF_8));
        }

        Builder body(byte[] bytes) {
            this.body = bytes;
            return this;
        }

        Builder withoutHost() {
            automaticHost = false;
            return this;
        }

        Builder halfClose() {
            halfClose = true;
            return this;
        }

        Builder probeAfter() {
            probeAfter = true;
            return this;
        }

        WireRequest build() {
            List<Header> all = new ArrayList<>();
            if (automaticHost) {
                all.add(new Header("Host", "127.0.0.1"));
            }
            all.addAll(headers);
            if (automaticLength && body.length > 0) {
                all.add(new Header("Content-Length", Integer.toString(body.length)));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            StringBuilder head = new StringBuilder(method)
                    .append(' ')
                    .append(target)
                    .append(version)
                    .append("\r\n");
            all.forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            StringBuilder summary = new StringBuilder(shorten(method + " " + target + version));
            for (Header h : headers) {
                summary.append(" | ").append(shorten(h.toString()));
            }
            if (body.length > 0) {
                summary.append(" | body(")
                        .append(body.length)
                        .append(" B): ")
                        .append(shorten(new String(body, StandardCharsets.UTF_8)));
            }
            boolean isHead = method.equals("HEAD");
            return new WireRequest(
                    printable(summary.toString()), out.toByteArray(), isHead, halfClose, probeAfter || isHead);
        }
    }

    static String shorten(String text) {
        return text.length() <= SUMMARY_PART
                ? text
                : text.substring(0, SUMMARY_PART) + "...(" + text.length() + " chars)";
    }

    /** Control characters shown as {@code \xNN}, so a report line stays one line and shows what was sent. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }
}
