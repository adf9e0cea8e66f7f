package io.provisio.notification.email.delivery;

import io.provisio.notification.email.domain.Language;

/** An e-mail's content, ready for the wire; {@code language} is the one actually used after fallback. */
record RenderedMail(String subject, String text, String html, Language language) {
}
