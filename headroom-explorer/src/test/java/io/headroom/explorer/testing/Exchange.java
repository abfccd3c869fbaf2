package io.headroom.explorer.testing;

import java.net.http.HttpHeaders;

/**
 * One request as a client saw it: where it went, when, and what came back. {@code responseStarted} is
 * whether a status line arrived (the server admitted the request): a request that failed before that
 * (connection refused, closed unanswered) may go to another instance, as a load balancer would retry it;
 * one that failed after it was lost.
 *
 * @param port the instance's port
 * @param status the status code, or -1 when no complete response arrived
 * @param headers the response's headers, or null when none arrived
 * @param body the body of an answer that is not a 2xx (for the failure message), else null
 * @param failure why no complete response arrived (the exception's class and message), or null
 */
public record Exchange(
        int port,
        String path,
        long sentNanos,
        long endedNanos,
        boolean responseStarted,
        int status,
        HttpHeaders headers,
        String body,
        String failure) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public long millis() {
        return (endedNanos - sentNanos) / 1_000_000;
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers == null ? null : headers.firstValue(name).orElse(null);
    }

    /** Sent after {@code nanos} and answered before {@code endNanos} (both {@link System#nanoTime()}). */
    public boolean within(long nanos, long endNanos) {
        return sentNanos >= nanos && endedNanos <= endNanos;
    }

    @Override
    public String toString() {
        return "GET :" + port + path + " -> " + (status > 0 ? status : failure) + " in " + millis() + " ms"
                + (responseStarted && status < 0 ? " (response started, then failed)" : "");
    }
}
