package io.provisio.notification.webhook.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetGuardTest {

    /** A DNS that answers from a table: "rebinding.example" points inside, "partner.example" outside. */
    private static final Map<String, String[]> DNS = Map.of(
            "partner.example", new String[] {"203.0.113.10", "2001:db8::10"},
            "rebinding.example", new String[] {"203.0.113.10", "10.0.0.5"},
            "metadata.example", new String[] {"169.254.169.254"},
            "v6-local.example", new String[] {"fd12:3456::1"},
            "mapped.example", new String[] {"::ffff:127.0.0.1"},
            "cgnat.example", new String[] {"100.64.1.1"});

    private final TargetGuard production = new TargetGuard(false, TargetGuardTest::resolve);
    private final TargetGuard local = new TargetGuard(true, TargetGuardTest::resolve);

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String[] addresses = DNS.get(host);
        if (addresses == null) {
            return InetAddress.getAllByName(host); // literals only in this test
        }
        InetAddress[] resolved = new InetAddress[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            resolved[i] = InetAddress.getByName(addresses[i]);
        }
        return resolved;
    }

    @Test
    void acceptsAnHttpsTargetWhoseEveryAddressIsPublic() {
        assertThat(production.refusal("https://partner.example/hooks")).isEmpty();
    }

    @Test
    void refusesPlainHttpOutsideLocalRuns() {
        assertThat(production.refusal("http://partner.example/hooks")).contains("must use https");
    }

    @Test
    void refusesLoopbackPrivateLinkLocalAndSharedAddresses() {
        for (String url : new String[] {"https://127.0.0.1/", "https://localhost/", "https://10.1.2.3/",
                "https://192.168.1.1/", "https://172.16.0.1/", "https://[::1]/", "https://0.0.0.0/",
                "https://metadata.example/latest", "https://v6-local.example/", "https://mapped.example/",
                "https://cgnat.example/", "https://[fe80::1]/"}) {
            assertThat(production.refusal(url)).as(url).hasValueSatisfying(why -> assertThat(why).contains("address"));
        }
    }

    @Test
    void refusesANameWhenAnyOfItsAddressesIsPrivate() {
        assertThat(production.refusal("https://rebinding.example/hooks")).hasValueSatisfying(
                why -> assertThat(why).contains("10.0.0.5"));
    }

    @Test
    void refusesMalformedTargetsEverywhere() {
        for (TargetGuard guard : new TargetGuard[] {production, local}) {
            assertThat(guard.refusal("ftp://partner.example/")).isPresent();
            assertThat(guard.refusal("/relative")).isPresent();
            assertThat(guard.refusal("https://user:pass@partner.example/")).isPresent();
            assertThat(guard.refusal("not a url")).isPresent();
        }
    }

    @Test
    void letsLocalRunsCallLoopbackOverHttp() {
        assertThat(local.refusal("http://127.0.0.1:8099/hooks")).isEmpty();
    }
}
