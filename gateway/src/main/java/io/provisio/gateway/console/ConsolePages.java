package io.provisio.gateway.console;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * Serves the partner console (the {@code console} module's {@code console/} resources) under {@code /console/}: the
 * page at {@code /console/}, its scripts and style below it. Nothing is routed to a service: the console's scripts
 * call the public API through this gateway like any client, with the signed-in staff member's token (ADR 024).
 *
 * <p>Every answer under {@code /console} carries a strict Content-Security-Policy (scripts, styles, requests and forms
 * only from this origin, nothing inline, not framed) and no referrer (the page's address carries the authorization
 * code on the way back from signing in). Spring Security adds no-cache, nosniff and X-Frame-Options.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Resource PAGE = new ClassPathResource("console/index.html");

    @Bean
    RouterFunction<ServerResponse> consoleRoutes() {
        return RouterFunctions.route()
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create("/console/")).build())
                .GET("/console/", request -> ServerResponse.ok().contentType(new MediaType(MediaType.TEXT_HTML,
                        StandardCharsets.UTF_8)).bodyValue(PAGE))
                .build()
                .and(RouterFunctions.resources("/console/**", new ClassPathResource("console/")));
    }

    @Bean
    WebFilter consoleHeaders() {
        return (exchange, chain) -> {
            String path = exchange.getRequest().getPath().pathWithinApplication().value();
            if (path.equals("/console") || path.startsWith("/console/")) {
                HttpHeaders headers = exchange.getResponse().getHeaders();
                headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                headers.set("Referrer-Policy", "no-referrer");
            }
            return chain.filter(exchange);
        };
    }
}
