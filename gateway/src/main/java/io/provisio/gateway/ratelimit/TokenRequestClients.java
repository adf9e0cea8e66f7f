package io.provisio.gateway.ratelimit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * The client id a token request names, as identity-service reads it (client_secret_basic, then
 * client_secret_post): the user part of an HTTP Basic {@code Authorization} header, else the {@code client_id}
 * form parameter. The id is taken whether or not the secret is right, since checking it is identity's job; the
 * secret itself is never kept, keyed on or logged.
 */
final class TokenRequestClients {

    /** The key of token requests that name no usable client id: they all share one budget. */
    static final String NONE = "";

    /** Longer ids are no client's (identity's are short); treating them as none bounds the keys' memory. */
    private static final int MAX_LENGTH = 128;

    private TokenRequestClients() {
    }

    /**
     * @param exchange a token request whose body, if any, the body-size filter has already cached (its
     *                 {@link ServerWebExchangeUtils#CACHED_REQUEST_BODY_ATTR})
     */
    static String clientId(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return usable(fromBasic(authorization.substring(6).trim()));
        }
        MediaType contentType = request.getHeaders().getContentType();
        DataBuffer body = exchange.getAttribute(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR);
        if (body != null && contentType != null && MediaType.APPLICATION_FORM_URLENCODED.isCompatibleWith(contentType)) {
            return usable(fromForm(body.toString(body.readPosition(), body.readableByteCount(), StandardCharsets.UTF_8)));
        }
        return NONE;
    }

    private static String fromBasic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return NONE;
        }
        int colon = decoded.indexOf(':');
        // RFC 6749 §2.3.1: the id is form-encoded before it is put in the Basic credentials.
        return colon < 0 ? NONE : formDecoded(decoded.substring(0, colon));
    }

    private static String fromForm(String form) {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String name = formDecoded(equals < 0 ? pair : pair.substring(0, equals));
            if ("client_id".equals(name)) {
                return equals < 0 ? NONE : formDecoded(pair.substring(equals + 1));
            }
        }
        return NONE;
    }

    private static String formDecoded(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }

    private static String usable(String clientId) {
        return clientId.isBlank() || clientId.length() > MAX_LENGTH ? NONE : clientId;
    }
}
