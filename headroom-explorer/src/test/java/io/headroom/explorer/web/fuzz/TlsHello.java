package io.headroom.explorer.web.fuzz;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/** A real TLS ClientHello, as a browser pointed at https:// on the plain port would send. */
final class TlsHello {
    private TlsHello() {}

    static byte[] bytes() {
        try {
            SSLEngine engine = SSLContext.getDefault().createSSLEngine("127.0.0.1", 443);
            engine.setUseClientMode(true);
            engine.beginHandshake();
            ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            engine.wrap(ByteBuffer.allocate(0), out);
            out.flip();
            byte[] hello = new byte[out.remaining()];
            out.get(hello);
            return hello;
        } catch (NoSuchAlgorithmException | SSLException e) {
            throw new IllegalStateException("The JDK cannot build a ClientHello", e);
        }
    }
}
