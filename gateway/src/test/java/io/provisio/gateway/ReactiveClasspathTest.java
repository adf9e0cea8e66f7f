package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.util.ClassUtils;

/**
 * The gateway is reactive: Spring MVC on its classpath (for example through the servlet-based platform module)
 * makes Spring Cloud Gateway refuse to start, so a dependency that drags it in must fail here, early.
 */
class ReactiveClasspathTest {

    @Test
    void keepsServletStackOffTheClasspath() {
        ClassLoader loader = getClass().getClassLoader();
        assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", loader)).isFalse();
        assertThat(ClassUtils.isPresent("io.provisio.platform.web.ApiProblem", loader)).isFalse();
    }
}
