package io.headroom.toolkit.helidon;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * HEAD for a GET route (RFC 9110 9.3.2): the GET handler runs unchanged, so the status and every header
 * (Content-Length, ETag, X-Cache, Content-Encoding) are the GET's, and the body is dropped here, the
 * one place that knows it is a HEAD. Helidon 4.5 neither routes HEAD to GET routes nor drops bodies.
 * Handlers send byte arrays (this code base never streams), so only the byte-array sends are
 * supported; a streaming handler fails loudly rather than writing a body after HEAD headers.
 */
public final class HeadResponse implements ServerResponse {
    private static final byte[] NO_BODY = new byte[0];
    private final ServerResponse delegate;

    private HeadResponse(ServerResponse delegate) {
        this.delegate = delegate;
    }

    /** The HEAD handler of a GET handler. */
    public static Handler of(Handler get) {
        return (req, res) -> get.handle(req, new HeadResponse(res));
    }

    /** The response to write to: body-less when the request is a HEAD (error handlers get the raw response). */
    static ServerResponse forRequest(ServerRequest req, ServerResponse res) {
        return Method.HEAD.equals(req.prologue().method()) && !(res instanceof HeadResponse)
                ? new HeadResponse(res)
                : res;
    }

    @Override
    public void send(byte[] bytes) {
        // Helidon keeps a Content-Length that is already set, so the header says what GET would send.
        if (!delegate.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            delegate.headers().contentLength(bytes.length);
        }
        delegate.send(NO_BODY);
    }

    @Override
    public void send(byte[] bytes, int position, int length) {
        if (!delegate.headers().contains(HeaderNames.CONTENT_LENGTH)) {
            delegate.headers().contentLength(length);
        }
        delegate.send(NO_BODY);
    }

    @Override
    public void send(Object entity) {
        switch (entity) {
            case byte[] bytes -> send(bytes);
            case String text -> send(text.getBytes(StandardCharsets.UTF_8));
            default ->
                throw new IllegalStateException("HEAD supports byte and text bodies only, not "
                        + entity.getClass().getName());
        }
    }

    @Override
    public void send() {
        delegate.send();
    }

    @Override
    public OutputStream outputStream() {
        throw new IllegalStateException("HEAD does not support streamed bodies");
    }

    @Override
    public ServerResponse status(Status status) {
        delegate.status(status);
        return this;
    }

    @Override
    public Status status() {
        return delegate.status();
    }

    @Override
    public ServerResponse header(Header header) {
        delegate.header(header);
        return this;
    }

    @Override
    public boolean isSent() {
        return delegate.isSent();
    }

    @Override
    public long bytesWritten() {
        return delegate.bytesWritten();
    }

    @Override
    public ServerResponse whenSent(Runnable listener) {
        delegate.whenSent(listener);
        return this;
    }

    @Override
    public ServerResponse reroute(String newPath) {
        delegate.reroute(newPath);
        return this;
    }

    @Override
    public ServerResponse reroute(String path, UriQuery query) {
        delegate.reroute(path, query);
        return this;
    }

    @Override
    public ServerResponse next() {
        delegate.next();
        return this;
    }

    @Override
    public ServerResponseHeaders headers() {
        return delegate.headers();
    }

    @Override
    public ServerResponseTrailers trailers() {
        return delegate.trailers();
    }

    @Override
    public void streamResult(String result) {
        delegate.streamResult(result);
    }

    @Override
    public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
        delegate.streamFilter(filterFunction);
    }
}
