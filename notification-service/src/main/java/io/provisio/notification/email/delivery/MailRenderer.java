package io.provisio.notification.email.delivery;

import java.util.Map;

import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders an e-mail from {@code templates/mail/<template>_<lang>.{subject.txt,txt,html}} on the
 * classpath. A language without its own texts yet falls back to English, so a saga never fails
 * for want of a translation.
 */
final class MailRenderer {

    static final String LOCATION = "templates/mail/";

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final ClassLoader classLoader = MailRenderer.class.getClassLoader();

    RenderedMail render(Notification notification) {
        Language language = available(notification, notification.language()) ? notification.language() : Language.EN;
        String name = notification.template().fileBaseName() + "_" + language.code();
        Context context = new Context(java.util.Locale.forLanguageTag(language.code()), Map.copyOf(notification.model()));
        String subject = text.process(name + ".subject", context).strip();
        return new RenderedMail(subject, text.process(name, context), html.process(name, context), language);
    }

    private boolean available(Notification notification, Language language) {
        String base = LOCATION + notification.template().fileBaseName() + "_" + language.code();
        return classLoader.getResource(base + ".html") != null
                && classLoader.getResource(base + ".txt") != null
                && classLoader.getResource(base + ".subject.txt") != null;
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix(LOCATION);
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCheckExistence(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
