package io.provisio.acceptance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** What the suite's SMTP server received, read as a person would: who an e-mail is to, the links in it. */
final class Mails {

    private static final Pattern LINK = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"<>]+/activate\\?token=[A-Za-z0-9_-]{43}");

    private Mails() {
    }

    /** The e-mails to {@code to}, in the order they arrived. */
    static List<MimeMessage> to(MimeMessage[] received, String to) throws Exception {
        List<MimeMessage> ours = new ArrayList<>();
        for (MimeMessage mail : received) {
            for (jakarta.mail.Address recipient : mail.getRecipients(Message.RecipientType.TO)) {
                if (recipient.toString().contains(to)) {
                    ours.add(mail);
                    break;
                }
            }
        }
        return ours;
    }

    /** The tokens of the activation links e-mailed to {@code to}, oldest first, each once. */
    static List<String> activationTokens(MimeMessage[] received, String to) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (MimeMessage mail : to(received, to)) {
            Matcher matcher = LINK.matcher(text(mail.getContent()));
            while (matcher.find()) {
                if (!tokens.contains(matcher.group(1))) {
                    tokens.add(matcher.group(1));
                }
            }
        }
        return tokens;
    }

    /** The activation links (whole URLs, as a person clicks them) e-mailed to {@code to}, oldest first, each once. */
    static List<String> activationLinks(MimeMessage[] received, String to) throws Exception {
        List<String> links = new ArrayList<>();
        for (MimeMessage mail : to(received, to)) {
            Matcher matcher = URL.matcher(text(mail.getContent()));
            while (matcher.find()) {
                if (!links.contains(matcher.group())) {
                    links.add(matcher.group());
                }
            }
        }
        return links;
    }

    /** The decoded text of a mail body, whatever its parts and transfer encoding. */
    static String text(Object content) throws Exception {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                all.append(text(part.getContent())).append('\n');
            }
            return all.toString();
        }
        return "";
    }
}
