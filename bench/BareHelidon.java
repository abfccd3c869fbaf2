// The floor of bench/ceiling.sh: a bare Helidon SE server sending a body from memory, with TCP_NODELAY
// (without it a body that leaves in several writes waits ~40 ms for the client's delayed ACK) and
// nothing else: no filters, no feature, one prepared Content-Type (and Content-Encoding) header.
// GET /identity sends IDENTITY_FILE's bytes, GET /gzip sends GZIP_FILE's with Content-Encoding: gzip.
// Run: java -cp headroom-cli/target/headroom.jar bench/BareHelidon.java PORT IDENTITY_FILE GZIP_FILE
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;

public class BareHelidon {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] identity = Files.readAllBytes(Path.of(args[1]));
        byte[] gzip = Files.readAllBytes(Path.of(args[2]));
        Header json = HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json");
        Header gzipped = HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip");
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(r -> r.get("/identity", (req, res) -> {
                            res.header(json);
                            res.send(identity);
                        })
                        .get("/gzip", (req, res) -> {
                            res.header(json);
                            res.header(gzipped);
                            res.send(gzip);
                        }))
                .build()
                .start();
        System.out.println("bare Helidon on :" + server.port() + " (" + identity.length + " / " + gzip.length + " B)");
        Thread.currentThread().join();
    }
}
