package io.headroom.toolkit.ratelimit;

import io.headroom.toolkit.config.ConfigException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Who the client is, for per-IP limits: the peer's address, unless the peer is a trusted proxy, in
 * which case the forwarding headers ({@code Forwarded}, RFC 7239, else {@code X-Forwarded-For}) are read
 * from the right, skipping trusted proxies, and the first address that is not one is the client. Headers
 * from an untrusted peer are ignored: otherwise any client could name itself anew on each request and
 * escape every limit. A value that is not an IP literal ends the walk (never resolved through DNS).
 */
public final class ClientAddress {
    private record Cidr(BigInteger network, int bits, int length) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length * 8 != length) {
                return false;
            }
            return new BigInteger(1, bytes).shiftRight(length - bits).equals(network.shiftRight(length - bits));
        }
    }

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /**
     * @param cidrs comma-separated addresses or CIDR blocks ({@code 10.0.0.0/8, 127.0.0.1, ::1}); blank trusts none
     * @param setting the variable they came from, for the error message
     */
    public static ClientAddress trusting(String cidrs, String setting) {
        List<Cidr> list = new ArrayList<>();
        for (String item : cidrs.split(",")) {
            String text = item.trim();
            if (text.isEmpty()) {
                continue;
            }
            int slash = text.indexOf('/');
            Optional<InetAddress> address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address.isEmpty()) {
                throw new ConfigException(setting + ": '" + text + "' is not an IP address or CIDR block");
            }
            int length = address.get().getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? length : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > length) {
                throw new ConfigException(setting + ": '" + text + "' has a prefix length outside 0 to " + length);
            }
            list.add(new Cidr(new BigInteger(1, address.get().getAddress()), bits, length));
        }
        return new ClientAddress(List.copyOf(list));
    }

    public boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) { // asked for every request: a loop, not a stream; none trusted by default
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param forwarded the {@code Forwarded} header values, in order (empty when absent)
     * @param xForwardedFor the {@code X-Forwarded-For} values, in order (read only without {@code Forwarded})
     */
    public String resolve(InetAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> chain = forwarded.isEmpty() ? split(xForwardedFor) : forwardedFor(forwarded);
        InetAddress client = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = literal(chain.get(i));
            if (hop.isEmpty()) {
                break; // "unknown", an obfuscated name, garbage: stop at the last address we can stand behind
            }
            client = hop.get();
            if (!isTrusted(client)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private static List<String> split(List<String> values) {
        List<String> hops = new ArrayList<>();
        values.forEach(v -> {
            for (String hop : v.split(",")) {
                hops.add(hop.trim());
            }
        });
        return hops;
    }

    /** The {@code for=} parameter of each element: {@code for=192.0.2.60;proto=http, for="[2001:db8::1]:4711"}. */
    private static List<String> forwardedFor(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String element : split(values)) {
            String node = "";
            for (String pair : element.split(";")) {
                String p = pair.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    node = p.substring(4).replace("\"", "");
                }
            }
            hops.add(stripPort(node));
        }
        return hops;
    }

    private static String stripPort(String node) {
        if (node.startsWith("[")) {
            int end = node.indexOf(']');
            return end < 0 ? node : node.substring(1, end);
        }
        int colon = node.indexOf(':');
        return colon >= 0 && node.indexOf(':', colon + 1) < 0 ? node.substring(0, colon) : node;
    }

    /** An IP literal only: {@code InetAddress.getByName} on anything else would ask DNS. */
    static Optional<InetAddress> literal(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
