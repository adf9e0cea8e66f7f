package io.provisio.notification.webhook.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * SSRF protection for webhook targets, asked at registration and again before every attempt (a name that resolved
 * to a public address at registration may point inside later: DNS rebinding). Outside local runs and tests
 * ({@code provisio.webhooks.allow-private-targets=false}, the default) a target must be https and every address
 * its host resolves to must be public: no loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the
 * cloud metadata address, fe80::/10), carrier-grade NAT, wildcard or multicast address. URLs with user info are
 * refused everywhere. The HTTP client resolves the name again when it connects; the window between the two look-ups
 * is the residual risk (ADR 022).
 */
public final class TargetGuard {

    /** Name resolution, replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivateTargets;
    private final Resolver resolver;

    public TargetGuard(boolean allowPrivateTargets, Resolver resolver) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.resolver = resolver;
    }

    public TargetGuard(boolean allowPrivateTargets) {
        this(allowPrivateTargets, InetAddress::getAllByName);
    }

    /** @return why the URL may not be called, or empty when it may */
    public Optional<String> refusal(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            return Optional.of("must be an absolute http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not carry user info");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("must not carry a fragment");
        }
        if (allowPrivateTargets) {
            return Optional.empty();
        }
        if (!scheme.equals("https")) {
            return Optional.of("must use https");
        }
        String host = uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return Optional.of("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!isPublic(address)) {
                return Optional.of("host " + host + " resolves to a non-public address " + address.getHostAddress());
            }
        }
        return addresses.length == 0 ? Optional.of("host " + host + " does not resolve") : Optional.empty();
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            if ((bytes[0] & 0xfe) == 0xfc) { // fc00::/7 unique local
                return false;
            }
            if (isIpv4Mapped(bytes)) {
                try {
                    return isPublic(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return true;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        return first != 0 // 0.0.0.0/8 "this network"
                && !(first == 100 && second >= 64 && second <= 127) // 100.64/10 carrier-grade NAT
                && !(first == 192 && second == 0 && (bytes[2] & 0xff) == 0) // 192.0.0/24 protocol assignments
                && !(first == 198 && (second == 18 || second == 19)) // 198.18/15 benchmarking
                && first < 240; // 240/4 reserved, 255.255.255.255 broadcast
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
