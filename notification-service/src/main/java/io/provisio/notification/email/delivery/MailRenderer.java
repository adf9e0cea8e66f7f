package io.provisio.notification.email.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.templates.ClasspathTemplates;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * Renders an e-mail from {@code templates/mail/<template>_<lang>.{subject.txt,txt,html}} on the
 * classpath with Thymeleaf. Every template to the customer's people exists in every {@link Language}; those to
 * the partner ({@link Template#toPartner()}) in English only, and a missing file falls back to English rather than
 * failing a saga.
 *
 * <p>Besides the stored model, templates get values derived here: {@code activationUrl} and {@code setupUrl} (the
 * real link
 * only when sending; a masked one in a preview), {@code expiresAtText} and {@code startDateText}
 * formatted for the e-mail's language.
 */
public final class MailRenderer {

    static final String LOCATION = "templates/mail/";
    /** What a preview shows instead of the token: the link's shape without its secret. */
    public static final String MASKED_TOKEN = "••••";

    private final SpringTemplateEngine html = engine(TemplateMode.HTML, ".html");
    private final SpringTemplateEngine text = engine(TemplateMode.TEXT, ".txt");
    private final ClassLoader classLoader = MailRenderer.class.getClassLoader();
    private final String activationBaseUrl;

    public MailRenderer(String activationBaseUrl) {
        this.activationBaseUrl = activationBaseUrl.endsWith("/")
                ? activationBaseUrl.substring(0, activationBaseUrl.length() - 1) : activationBaseUrl;
    }

    /**
     * The e-mail as it goes out.
     *
     * @throws IllegalStateException for an ACTIVATION e-mail whose token is gone: it can never be sent
     */
    RenderedMail render(Notification notification) {
        if (notification.template().carriesToken() && notification.activationToken() == null) {
            throw new IllegalStateException("the token of " + notification.id() + " is gone");
        }
        return render(notification, notification.activationToken());
    }

    /** The e-mail as it would go out, with the activation link masked: for partners to look at. */
    public RenderedMail preview(Notification notification) {
        return render(notification, MASKED_TOKEN);
    }

    private RenderedMail render(Notification notification, String token) {
        Language language = available(notification, notification.language()) ? notification.language() : Language.EN;
        String name = notification.template().fileBaseName() + "_" + language.code();
        Locale locale = Locale.forLanguageTag(language.code());
        Map<String, Object> variables = new HashMap<>(notification.model());
        variables.put("activationUrl", activationBaseUrl + "/activate?token=" + token);
        variables.put("setupUrl", activationBaseUrl + "/setup?token=" + token);
        variables.put("staffInvitationUrl", activationBaseUrl + "/activate/staff?token=" + token);
        text(notification, "expiresAt").map(value -> formatInstant(value, locale))
                .ifPresent(value -> variables.put("expiresAtText", value));
        text(notification, "startDate").map(value -> formatDate(value, locale))
                .ifPresent(value -> variables.put("startDateText", value));
        Context context = new Context(locale, variables);
        String subject = text.process(name + ".subject", context).strip();
        return new RenderedMail(subject, text.process(name, context), html.process(name, context), language);
    }

    private static java.util.Optional<String> text(Notification notification, String key) {
        Object value = notification.model().get(key);
        return value == null ? java.util.Optional.empty() : java.util.Optional.of(value.toString());
    }

    /** E.g. "3 juni 2027, 08:00 UTC": the customer's time zone is unknown, so say which one. */
    private static String formatInstant(String iso, Locale locale) {
        try {
            Instant instant = Instant.parse(iso);
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(ZoneOffset.UTC)
                    .format(instant) + ", " + DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC)
                    .format(instant) + " UTC";
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String formatDate(String iso, Locale locale) {
        try {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private boolean available(Notification notification, Language language) {
        String base = LOCATION + notification.template().fileBaseName() + "_" + language.code();
        return classLoader.getResource(base + ".html") != null
                && classLoader.getResource(base + ".txt") != null
                && classLoader.getResource(base + ".subject.txt") != null;
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix) {
        return ClasspathTemplates.engine(LOCATION, suffix, mode, null);
    }
}
