package io.provisio.gateway.ratelimit;

import java.net.InetSocketAddress;

import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a call comes from, for the per-address budget. By default the socket's peer: then a client cannot
 * choose its own key by sending {@code X-Forwarded-For}. Behind an ingress the peer is the ingress for everyone,
 * so {@code trustedProxies} (N) says how many proxies append to {@code X-Forwarded-For}; the address is then
 * the N-th entry from the right, the one the outermost trusted proxy wrote. Entries further left are whatever
 * the client sent and are never used (Spring Cloud Gateway's {@link XForwardedRemoteAddressResolver}).
 */
final class ClientAddresses {

    private final RemoteAddressResolver resolver;

    ClientAddresses(int trustedProxies) {
        this.resolver = trustedProxies > 0
                ? XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies)
                : new RemoteAddressResolver() {
                };
    }

    String of(ServerWebExchange exchange) {
        InetSocketAddress remote = resolver.resolve(exchange);
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
