package io.provisio.gateway.observation;

import java.net.URI;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.springframework.cloud.gateway.filter.headers.observation.DefaultGatewayObservationConvention;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;

/**
 * Spring Cloud Gateway's span of a proxied call, with {@code http.uri} cut at the query. The default puts the
 * whole request URI there, and the activation page's URI carries the link's one-time token ({@code
 * /activate?token=…}): exported spans (Jaeger, ADR 016) would hold every link that was opened. The server spans
 * ({@code http.url}) and the metrics' {@code uri} tag carry the path or its template only, never the query.
 */
final class QuerylessGatewayObservationConvention extends DefaultGatewayObservationConvention {

    static final String URI_KEY = "http.uri";

    @Override
    public KeyValues getHighCardinalityKeyValues(GatewayContext context) {
        return super.getHighCardinalityKeyValues(context)
                .and(KeyValue.of(URI_KEY, withoutQuery(context.getRequest().getURI())));
    }

    static String withoutQuery(URI uri) {
        String text = uri.toString();
        int query = text.indexOf('?');
        int fragment = text.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : text.length();
        return text.substring(0, end);
    }
}
