package io.headroom.examples.spring;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Real HTTP against the running service; the JDK client never decompresses, so tests see the bytes as sent. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    Http(int port) {
        this.port = port;
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .GET();
        if (headers.length > 0) {
            req.headers(headers);
        }
        try {
            return CLIENT.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    JsonNode json(String path) {
        return parse(get(path).body());
    }

    String text(String path) {
        return new String(get(path).body(), StandardCharsets.UTF_8);
    }

    static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gunzip(byte[] body) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] unbrotli(byte[] body) {
        Brotli4jLoader.ensureAvailability();
        try {
            DirectDecompress out = Decoder.decompress(body);
            if (out.getResultStatus() != DecoderJNI.Status.DONE) {
                throw new IllegalStateException("not a complete brotli stream: " + out.getResultStatus());
            }
            return out.getDecompressedData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
