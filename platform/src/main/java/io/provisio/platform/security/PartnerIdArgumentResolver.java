package io.provisio.platform.security;

import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@link PartnerId} parameters from the verified JWT of the current request. */
final class PartnerIdArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return PartnerId.class.equals(parameter.getParameterType());
    }

    @Override
    public PartnerId resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                     NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Jwt jwt) {
            String partner = jwt.getClaimAsString(PartnerId.CLAIM);
            if (partner != null && !partner.isBlank()) {
                return new PartnerId(partner);
            }
        }
        // The JWT validator refuses tokens without the claim, so this is a wiring error, not a client's.
        throw new IllegalStateException("no verified partner id on this request");
    }
}
