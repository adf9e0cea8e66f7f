package io.provisio.notification.email.delivery;

import io.provisio.notification.email.domain.Language;

/** An e-mail's content, ready for the wire; {@code language} is the one actually used after fallback. */
public record RenderedMail(String subject, String text, String html, Language language) {

    /** The body may hold an activation link: never print it. */
    @Override
    public String toString() {
        return "RenderedMail[subject=" + subject + ", language=" + language + "]";
    }
}
