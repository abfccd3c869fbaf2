package io.headroom.toolkit.http;

/** The content codings the HTTP layer produces, in order of preference when the client likes them equally. */
public enum ContentCoding {
    BROTLI("br", "-br"),
    GZIP("gzip", "-gz"),
    IDENTITY("identity", "");

    private final String token;
    private final String etagSuffix;

    ContentCoding(String token, String etagSuffix) {
        this.token = token;
        this.etagSuffix = etagSuffix;
    }

    /** The {@code Accept-Encoding} / {@code Content-Encoding} token. */
    public String token() {
        return token;
    }

    /** Appended to the strong ETag: each coding is its own representation (RFC 9110 8.8.3). */
    public String etagSuffix() {
        return etagSuffix;
    }
}
