package io.headroom.toolkit.spring;

import io.headroom.toolkit.http.Compression;
import io.headroom.toolkit.http.RenderedResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerAdapter;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The response cache's loader for one miss: runs the handler (through the same {@link HandlerAdapter}
 * the DispatcherServlet would use) into a {@link CapturingResponse} and renders a 200 once. Given to
 * the keyspace's {@code getOrLoad}, so the cache's single flight covers the handler: concurrent misses
 * of one key run it once and the others wait for its entry.
 *
 * <p>An answer that is not kept (any status but 200, no content type) leaves the cache as
 * {@link NotKept}, and a failing handler's exception as {@link HandlerFailed}: the cache stores
 * nothing, and the request that ran the handler sends what it wrote or rethrows what it threw.
 */
final class HandlerLoader implements Supplier<RenderedResponse> {
    /** The handler answered with something the cache does not keep; its answer is in the capture. */
    static final class NotKept extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotKept() {
            super(null, null, false, false); // control flow, not an error: no stack trace to fill
        }
    }

    /** The handler threw; unwrapped by the interceptor so Spring's exception resolvers see the original. */
    static final class HandlerFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HandlerFailed(Exception cause) {
            super(cause);
        }

        Exception exception() {
            return (Exception) getCause();
        }
    }

    /** Return types Spring MVC answers later, on another thread: the loader could not keep such an answer. */
    private static final List<Class<?>> ASYNCHRONOUS = List.of(
            Callable.class,
            Future.class,
            CompletionStage.class,
            DeferredResult.class,
            WebAsyncTask.class,
            ResponseBodyEmitter.class,
            StreamingResponseBody.class);

    private final HttpServletRequest req;
    private final CapturingResponse capture;
    private final Object handler;
    private final HandlerAdapter adapter;
    private final Compression compression;
    /** Set by the thread that runs the loader, read by the same thread afterwards: no memory barrier needed. */
    private boolean ran;

    HandlerLoader(
            HttpServletRequest req,
            HttpServletResponse res,
            Object handler,
            HandlerAdapter adapter,
            Compression compression) {
        this.req = req;
        this.capture = new CapturingResponse(res);
        this.handler = handler;
        this.adapter = adapter;
        this.compression = compression;
    }

    @Override
    public RenderedResponse get() {
        ran = true;
        ModelAndView view;
        try {
            view = adapter.handle(req, capture, handler);
        } catch (Exception e) {
            throw new HandlerFailed(e);
        }
        if (req.isAsyncStarted() || view != null) {
            throw new HandlerFailed(new IllegalStateException(handler + " is a cached route, so it must write its"
                    + " body synchronously (@ResponseBody, ResponseEntity), not "
                    + (view != null ? "render a view" : "answer asynchronously")));
        }
        String type = capture.getContentType();
        if (capture.getStatus() != HttpServletResponse.SC_OK || type == null) {
            throw new NotKept();
        }
        return RenderedResponse.precompressed(capture.body(), type, Instant.now(), compression);
    }

    /** Refuses, at start-up, a cached handler that answers asynchronously (which the loader cannot keep). */
    static void requireSynchronous(HandlerMethod handler) {
        Class<?> type = handler.getReturnType().getParameterType();
        boolean later = ASYNCHRONOUS.stream().anyMatch(a -> a.isAssignableFrom(type))
                || ReactiveAdapterRegistry.getSharedInstance().getAdapter(type) != null;
        if (later) {
            throw new IllegalArgumentException(handler.getShortLogMessage()
                    + " is a cached route (@HeadroomCached or headroom.response-cache.routes) but returns "
                    + type.getSimpleName() + ": a cached route must answer synchronously");
        }
    }

    /** True when this request ran the handler; false when the entry came from another's load or from a level. */
    boolean ran() {
        return ran;
    }

    /** After {@link NotKept}: the handler's answer as it wrote it (its status and headers are already set). */
    void sendAsWritten() throws IOException {
        byte[] body = capture.release();
        capture.setHeader(RenderedWriter.X_CACHE, "BYPASS");
        capture.setContentLength(body.length);
        capture.getOutputStream().write(body);
    }
}
