import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

/**
 * Holds N keep-alive HTTP/1.1 connections to one server and keeps every one of them busy (one request at a
 * time per connection, the next sent when the answer is in) for a while, on one thread with one selector:
 * the client side of bench/connections-10k.sh. Connects at most 256 at a time (the listen backlog). Counts
 * answers, non-2xx answers, and connections the server closed or refused. PRINTS figures; exits 1 on any error.
 *   java bench/KeepAliveClients.java HOST PORT PATH CONNECTIONS SECONDS
 */
public final class KeepAliveClients {
    private static final class Conn {
        final ByteBuffer in = ByteBuffer.allocate(16 * 1024);
        boolean connected;
    }

    public static void main(String[] args) throws IOException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] request = ("GET " + args[2] + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: application/json\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int total = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        Selector selector = Selector.open();
        InetSocketAddress address = new InetSocketAddress(host, port);
        int opened = 0, connecting = 0, connected = 0, errors = 0, closed = 0;
        long answers = 0, non2xx = 0;
        long start = System.nanoTime();
        long allConnectedAt = 0, measureFrom = 0, answersAtMeasure = 0;
        long end = Long.MAX_VALUE;
        while (System.nanoTime() < end) {
            while (opened < total && connecting < 256) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn();
                if (ch.connect(address)) {
                    c.connected = true;
                    connected++;
                    ch.register(selector, SelectionKey.OP_WRITE, c);
                } else {
                    ch.register(selector, SelectionKey.OP_CONNECT, c);
                    connecting++;
                }
                opened++;
            }
            if (allConnectedAt == 0 && connected == total) {
                allConnectedAt = System.nanoTime();
                measureFrom = allConnectedAt;
                answersAtMeasure = answers;
                end = allConnectedAt + seconds * 1_000_000_000L;
                System.out.printf("all %d connections open after %.1f s%n", total, (allConnectedAt - start) / 1e9);
            }
            if (allConnectedAt == 0 && System.nanoTime() - start > 120_000_000_000L) {
                System.out.printf("only %d of %d connections open after 120 s%n", connected, total);
                System.exit(1);
            }
            selector.select(100);
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                SocketChannel ch = (SocketChannel) key.channel();
                Conn c = (Conn) key.attachment();
                try {
                    if (key.isConnectable()) {
                        ch.finishConnect();
                        connecting--;
                        connected++;
                        c.connected = true;
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        ch.write(ByteBuffer.wrap(request)); // small: one write on a fresh socket buffer
                        key.interestOps(SelectionKey.OP_READ);
                    } else if (key.isReadable()) {
                        int n = ch.read(c.in);
                        if (n < 0) {
                            closed++;
                            connected--;
                            key.cancel();
                            ch.close();
                            continue;
                        }
                        Integer status = complete(c);
                        if (status != null) {
                            answers++;
                            if (status / 100 != 2) {
                                non2xx++;
                            }
                            key.interestOps(SelectionKey.OP_WRITE);
                        }
                    }
                } catch (IOException e) {
                    errors++;
                    if (!c.connected) {
                        connecting--;
                    } else {
                        connected--;
                    }
                    key.cancel();
                    ch.close();
                }
            }
        }
        double window = (System.nanoTime() - measureFrom) / 1e9;
        System.out.printf(
                "connections %d open at the end of %d; answers %d in %.1f s = %.0f req/s; non-2xx %d; closed by the server %d; "
                        + "connect/IO errors %d%n",
                connected, total, answers - answersAtMeasure, window, (answers - answersAtMeasure) / window, non2xx,
                closed, errors);
        System.exit(non2xx + closed + errors == 0 && connected == total ? 0 : 1);
    }

    /** The status when one whole answer is in the buffer (consumed), else null. Content-Length bodies only. */
    private static Integer complete(Conn c) {
        ByteBuffer b = c.in;
        String text = new String(b.array(), 0, b.position(), StandardCharsets.ISO_8859_1);
        int head = text.indexOf("\r\n\r\n");
        if (head < 0) {
            return null;
        }
        int length = 0;
        for (String line : text.substring(0, head).split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        int whole = head + 4 + length;
        if (b.position() < whole) {
            return null;
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int rest = b.position() - whole;
        System.arraycopy(b.array(), whole, b.array(), 0, rest);
        b.position(rest);
        return status;
    }
}
