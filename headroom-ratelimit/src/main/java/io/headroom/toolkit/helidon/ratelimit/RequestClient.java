package io.headroom.toolkit.helidon.ratelimit;

import io.headroom.toolkit.ratelimit.ClientAddress;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** A Helidon request's client address as limits and guards see it: forwarded only through trusted proxies. */
public final class RequestClient {
    private RequestClient() {}

    public static String address(ServerRequest req, ClientAddress addresses) {
        InetAddress peer = ((InetSocketAddress) req.remotePeer().address()).getAddress();
        if (!addresses.isTrusted(peer)) { // the common case: the forwarding headers would be ignored, so not read
            return peer.getHostAddress();
        }
        return addresses.resolve(
                peer,
                req.headers().all(HeaderNames.FORWARDED, List::of),
                req.headers().all(HeaderNames.X_FORWARDED_FOR, List::of));
    }
}
