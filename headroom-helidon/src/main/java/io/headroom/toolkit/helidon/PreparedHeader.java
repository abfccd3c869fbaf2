package io.headroom.toolkit.helidon;

import io.helidon.common.GenericType;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.mapper.Value;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A response header made once and sent many times (a cached entry's ETag, the security headers, X-Cache), its
 * name and value checked once, here, instead of on every response.
 *
 * <p>Why: with response-header validation on (the default, docs/decisions/response-header-validation.md),
 * Helidon checks every character of every header as it writes a response, which was the largest single cost
 * of a cache hit (14 % of its samples, docs/cache-hit-profile.md). For a header a handler builds from its
 * input, that check is what stops response splitting. For an immutable header whose value was checked when it
 * was made, the answer cannot change, so {@link #validate} does nothing and headers built per request still
 * get Helidon's check. {@link #of} throws the same {@link IllegalArgumentException} Helidon would, at once: a
 * bad configured value (a Content-Security-Policy with a line break) fails at start-up, not on each response.
 *
 * <p>Everything else is Helidon's own cached header (its HTTP/1 bytes prepared), to which this delegates.
 */
public final class PreparedHeader implements Header {
    private final Header header;

    private PreparedHeader(Header header) {
        header.validate();
        this.header = header;
    }

    /** A prepared header, its name and value validated now; throws IllegalArgumentException when invalid. */
    public static Header of(HeaderName name, String value) {
        return new PreparedHeader(HeaderValues.createCached(name, value));
    }

    /** As {@link #of(HeaderName, String)}, for a header name Helidon has no constant for. */
    public static Header of(String name, String value) {
        return of(HeaderNames.create(name), value);
    }

    /** Checked once, when this was made: it cannot have changed since. */
    @Override
    public void validate() {}

    @Override
    public void writeHttp1Header(BufferData buffer) {
        header.writeHttp1Header(buffer);
    }

    @Override
    public byte[] valueBytes() {
        return header.valueBytes();
    }

    @Override
    public String name() {
        return header.name();
    }

    @Override
    public HeaderName headerName() {
        return header.headerName();
    }

    @Override
    public String get() {
        return header.get();
    }

    @Override
    public List<String> allValues() {
        return header.allValues();
    }

    @Override
    public int valueCount() {
        return header.valueCount();
    }

    @Override
    public boolean sensitive() {
        return header.sensitive();
    }

    @Override
    public boolean changing() {
        return header.changing();
    }

    @Override
    public <N> Value<N> as(Class<N> type) {
        return header.as(type);
    }

    @Override
    public <N> Value<N> as(GenericType<N> type) {
        return header.as(type);
    }

    @Override
    public <N> Value<N> as(Function<? super String, ? extends N> mapper) {
        return header.as(mapper);
    }

    @Override
    public Optional<String> asOptional() {
        return header.asOptional();
    }

    @Override
    public Value<Boolean> asBoolean() {
        return header.asBoolean();
    }

    @Override
    public Value<String> asString() {
        return header.asString();
    }

    @Override
    public Value<Integer> asInt() {
        return header.asInt();
    }

    @Override
    public Value<Long> asLong() {
        return header.asLong();
    }

    @Override
    public Value<Double> asDouble() {
        return header.asDouble();
    }

    @Override
    public boolean equals(Object o) {
        return header.equals(o instanceof PreparedHeader other ? other.header : o);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return header.toString();
    }
}
