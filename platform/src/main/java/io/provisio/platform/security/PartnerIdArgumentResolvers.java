package io.provisio.platform.security;

import org.springframework.web.method.support.HandlerMethodArgumentResolver;

/** Access to the package-private resolver for the platform's web configuration. */
public final class PartnerIdArgumentResolvers {

    private PartnerIdArgumentResolvers() {
    }

    public static HandlerMethodArgumentResolver fromVerifiedToken() {
        return new PartnerIdArgumentResolver();
    }
}
