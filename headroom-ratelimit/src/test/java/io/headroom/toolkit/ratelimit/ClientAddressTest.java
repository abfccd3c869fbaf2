package io.headroom.toolkit.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headroom.toolkit.config.ConfigException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final ClientAddress behindProxies =
            ClientAddress.trusting("10.0.0.0/8, 127.0.0.1, ::1", "HEADROOM_TRUSTED_PROXIES");

    @Test
    void anUntrustedPeerCannotNameAnotherAddress() throws Exception {
        InetAddress peer = InetAddress.getByName("203.0.113.7");
        assertThat(behindProxies.resolve(peer, List.of("for=198.51.100.1"), List.of("198.51.100.2")))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void behindTrustedProxiesTheRightmostUntrustedHopIsTheClient() throws Exception {
        InetAddress proxy = InetAddress.getByName("10.1.2.3");
        // a client that forged the left part: the proxies appended the address they really saw
        assertThat(behindProxies.resolve(proxy, List.of(), List.of("1.1.1.1, 198.51.100.9", "10.9.9.9")))
                .isEqualTo("198.51.100.9");
        assertThat(behindProxies.resolve(
                        proxy, List.of("for=1.1.1.1;proto=http, for=\"[2001:db8::17]:4711\""), List.of("198.51.100.9")))
                .as("Forwarded wins over X-Forwarded-For")
                .isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(behindProxies.resolve(proxy, List.of(), List.of()))
                .as("no header: the proxy itself")
                .isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve(proxy, List.of(), List.of("198.51.100.9, evil.example")))
                .as("a name is never resolved: the walk stops at the proxy")
                .isEqualTo("10.1.2.3");
        assertThat(behindProxies.resolve(proxy, List.of("for=192.0.2.43:8080"), List.of()))
                .isEqualTo("192.0.2.43");
    }

    @Test
    void badBlocksAreConfigErrorsNamingTheSetting() {
        assertThatThrownBy(() -> ClientAddress.trusting("10.0.0.0/33", "HEADROOM_TRUSTED_PROXIES"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEADROOM_TRUSTED_PROXIES");
        assertThatThrownBy(() -> ClientAddress.trusting("proxy.internal", "HEADROOM_TRUSTED_PROXIES"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("proxy.internal");
    }
}
