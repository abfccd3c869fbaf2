package io.headroom.toolkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConditionalRequestTest {
    private static final String ETAG = "abc";
    private static final Instant MODIFIED = Instant.parse("2024-03-01T12:00:00.700Z");

    private static boolean notModified(String ifNoneMatch, String ifModifiedSince) {
        return ConditionalRequest.notModified(ifNoneMatch, ifModifiedSince, ETAG, MODIFIED);
    }

    @Test
    void withoutConditionsTheContentIsSent() {
        assertThat(notModified(null, null)).isFalse();
    }

    @Test
    void ifNoneMatchComparesWeaklyAndIgnoresTheCodingSuffix() {
        assertThat(notModified("\"abc\"", null)).isTrue();
        assertThat(notModified("W/\"abc\"", null)).isTrue();
        assertThat(notModified("W/\"abc-gz\"", null)).isTrue();
        assertThat(notModified("\"abc-br\"", null)).isTrue();
        assertThat(notModified("\"abd\"", null)).isFalse();
        assertThat(notModified("\"abc-xx\"", null)).as("an unknown suffix").isFalse();
    }

    @Test
    void ifNoneMatchMatchesAnyTagOfAList() {
        assertThat(notModified("\"x\", \"abc-br\"", null)).isTrue();
        assertThat(notModified("\"x\",W/\"abc\"", null)).isTrue();
        assertThat(notModified("\"x\", \"y\"", null)).isFalse();
    }

    @Test
    void starMatchesAnyContent() {
        assertThat(notModified("*", null)).isTrue();
        assertThat(notModified("\"x\", *", null)).isTrue();
    }

    @Test
    void ifModifiedSinceIsIgnoredWhenIfNoneMatchIsPresent() {
        String later = "Fri, 01 Mar 2024 13:00:00 GMT";
        assertThat(notModified("\"x\"", later)).isFalse();
        assertThat(notModified("\"abc\"", "Mon, 01 Jan 2001 00:00:00 GMT")).isTrue();
    }

    @Test
    void ifModifiedSinceComparesWholeSeconds() {
        assertThat(notModified(null, "Fri, 01 Mar 2024 12:00:00 GMT"))
                .as("the Last-Modified the client holds, without the fraction it never saw")
                .isTrue();
        assertThat(notModified(null, "Fri, 01 Mar 2024 12:00:01 GMT")).isTrue();
        assertThat(notModified(null, "Fri, 01 Mar 2024 11:59:59 GMT")).isFalse();
    }

    @Test
    void aMalformedDateIsIgnored() {
        assertThat(notModified(null, "not a date")).isFalse();
        assertThat(notModified(null, "")).isFalse();
        assertThat(notModified(null, "Mon, 01 Mar 2024 12:00:00 GMT"))
                .as("wrong day of week")
                .isFalse();
    }

    @Test
    void theObsoleteDateFormatsAreAccepted() {
        Instant expected = Instant.parse("1994-11-06T08:49:37Z");
        assertThat(ConditionalRequest.httpDate("Sun, 06 Nov 1994 08:49:37 GMT")).hasValue(expected);
        assertThat(ConditionalRequest.httpDate("Sunday, 06-Nov-94 08:49:37 GMT"))
                .hasValue(expected);
        assertThat(ConditionalRequest.httpDate("Sun Nov  6 08:49:37 1994")).hasValue(expected);
        assertThat(notModified(null, "Friday, 01-Mar-24 12:00:00 GMT")).isTrue();
    }
}
