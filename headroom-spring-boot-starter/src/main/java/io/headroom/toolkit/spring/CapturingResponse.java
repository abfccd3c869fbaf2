package io.headroom.toolkit.spring;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Keeps the body the handler writes in memory and commits nothing, so the response cache can render,
 * store and send it afterwards ({@link HandlerLoader}); status and headers pass through. Content-Length
 * set while capturing is dropped: the cache sets the real one. {@link #release()} ends the capture.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturingResponse(HttpServletResponse response) {
        super(response);
    }

    /** The body captured so far. */
    byte[] body() {
        if (writer != null) {
            writer.flush();
        }
        return buffer.toByteArray();
    }

    /** The captured body; capturing stops, so what follows goes to the client. */
    byte[] release() {
        byte[] body = body();
        buffer = null;
        stream = null;
        writer = null;
        return body;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (buffer == null) {
            return super.getOutputStream();
        }
        if (stream == null) {
            stream = new BufferStream(buffer);
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (buffer == null) {
            return super.getWriter();
        }
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(buffer, Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    @Override
    public void setContentLength(int len) {
        if (buffer == null) {
            super.setContentLength(len);
        }
    }

    @Override
    public void setContentLengthLong(long len) {
        if (buffer == null) {
            super.setContentLengthLong(len);
        }
    }

    @Override
    public void setHeader(String name, String value) {
        if (buffer == null || !"Content-Length".equalsIgnoreCase(name)) {
            super.setHeader(name, value);
        }
    }

    @Override
    public void addHeader(String name, String value) {
        if (buffer == null || !"Content-Length".equalsIgnoreCase(name)) {
            super.addHeader(name, value);
        }
    }

    @Override
    public void flushBuffer() throws IOException {
        if (buffer == null) {
            super.flushBuffer();
        }
    }

    @Override
    public void resetBuffer() {
        if (buffer != null) {
            buffer.reset();
        } else {
            super.resetBuffer();
        }
    }

    @Override
    public void reset() {
        super.reset();
        if (buffer != null) {
            buffer.reset();
        }
    }

    private static final class BufferStream extends ServletOutputStream {
        private final ByteArrayOutputStream out;

        BufferStream(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.write(b, off, len);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new IllegalStateException("a cached route must answer synchronously");
        }
    }
}
