package io.provisio.platform.templates;

import org.springframework.context.MessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A Thymeleaf engine over templates on the classpath, UTF-8, failing on a missing template, for the services that
 * render their own pages (identity) and mails (notification) with explicit statuses and headers, not through Spring
 * MVC's view resolution.
 */
public final class ClasspathTemplates {

    private ClasspathTemplates() {
    }

    /**
     * @param prefix   the folder, e.g. {@code templates/page/}
     * @param suffix   the file ending, e.g. {@code .html}
     * @param messages the {@code #{...}} texts, or {@code null} when the templates have none
     */
    public static SpringTemplateEngine engine(String prefix, String suffix, TemplateMode mode, MessageSource messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(prefix);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        if (messages != null) {
            engine.setTemplateEngineMessageSource(messages);
        }
        return engine;
    }
}
