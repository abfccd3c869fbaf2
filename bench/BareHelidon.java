// The floor of bench/ceiling.sh: a bare Helidon SE server sending a body from memory, with TCP_NODELAY
// (without it a body that leaves in several writes waits ~40 ms for the client's delayed ACK) and
// nothing else: no filters, no feature, one prepared Content-Type (and Content-Encoding) header.
// GET /identity sends IDENTITY_FILE's bytes, GET /gzip sends GZIP_FILE's with Content-Encoding: gzip.
// With IDENTITY_HEAD and GZIP_HEAD (a response head as `curl -i` prints it), each route instead sends
// that head's headers, as prepared header objects (all but Date, Connection and Content-Length, which
// Helidon writes itself): the same response bytes as the explorer's hit, with none of its work.
// Run: java -cp headroom-cli/target/headroom.jar bench/BareHelidon.java PORT IDENTITY_FILE GZIP_FILE \
//          [IDENTITY_HEAD GZIP_HEAD]
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

public class BareHelidon {
    private static final Set<String> WRITTEN_BY_HELIDON = Set.of("date", "connection", "content-length");

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] identity = Files.readAllBytes(Path.of(args[1]));
        byte[] gzip = Files.readAllBytes(Path.of(args[2]));
        Header json = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json");
        Header gzipped = HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip");
        List<Header> identityHeaders = args.length > 4 ? headers(Path.of(args[3])) : List.of(json);
        List<Header> gzipHeaders = args.length > 4 ? headers(Path.of(args[4])) : List.of(json, gzipped);
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(r -> r.get("/identity", (req, res) -> {
                            for (Header h : identityHeaders) {
                                res.header(h);
                            }
                            res.send(identity);
                        })
                        .get("/gzip", (req, res) -> {
                            for (Header h : gzipHeaders) {
                                res.header(h);
                            }
                            res.send(gzip);
                        }))
                .build()
                .start();
        System.out.println("bare Helidon on :" + server.port() + " (" + identity.length + " / " + gzip.length + " B, "
                + identityHeaders.size() + " / " + gzipHeaders.size() + " headers of our own)");
        Thread.currentThread().join();
    }

    private static List<Header> headers(Path head) throws Exception {
        List<Header> headers = new ArrayList<>();
        for (String line : Files.readAllLines(head)) {
            int colon = line.indexOf(':');
            if (line.startsWith("HTTP/") || colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (!WRITTEN_BY_HELIDON.contains(name.toLowerCase(Locale.ROOT))) {
                headers.add(HeaderValues.createCached(HeaderNames.create(name), line.substring(colon + 1).trim()));
            }
        }
        return headers;
    }
}
