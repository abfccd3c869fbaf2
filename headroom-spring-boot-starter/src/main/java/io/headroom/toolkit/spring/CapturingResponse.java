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
 * Passes everything through until {@link #capture()} is called (by the response-cache interceptor,
 * on a miss of a cached route); from then on the body the handler writes is kept in memory and
 * nothing is committed, so the filter can render, store and send it afterwards. Content-Length
 * set while capturing is dropped: the filter sets the real one.
 */
final class CapturingResponse extends HttpServletResponseWrapper {
    private ByteArrayOutputStream buffer;
    private ServletOutputStream stream;
    private PrintWriter writer;

    CapturingResponse(HttpServletResponse response) {
        super(response);
    }

    void capture() {
        buffer = new ByteArrayOutputStream(4096);
    }

    boolean capturing() {
        return buffer != null;
    }

    /** The captured body; capturing stops, so what follows goes to the client. */
    byte[] release() {
        if (writer != null) {
            writer.flush();
        }
        byte[] body = buffer.toByteArray();
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
