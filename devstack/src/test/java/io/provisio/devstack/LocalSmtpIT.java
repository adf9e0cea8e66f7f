package io.provisio.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local run's SMTP sink in its own process: it accepts a message and keeps it where a developer finds it. */
class LocalSmtpIT {

    @TempDir
    Path data;

    @Test
    void keepsEveryMessageItAcceptsAsAnEmlFileUnderTheDataDirectory() throws Exception {
        int port = LocalProcess.freePort();
        Process smtp = start(port);
        try {
            send(port, "bengt.testsson@testbolag.se", "Välkommen till Provisio", "https://localhost/activate?token=abc");
            send(port, "asa.oberg@testbolag.se", "Aktivera ditt konto", "second");

            Path mail = data.resolve("mail");
            await("both messages kept").atMost(Duration.ofSeconds(30))
                    .until(() -> Files.exists(mail.resolve("2.eml")));
            String first = Files.readString(mail.resolve("1.eml"), StandardCharsets.UTF_8);
            assertThat(first).contains("To: bengt.testsson@testbolag.se", "https://localhost/activate?token=abc");
            assertThat(Files.readString(mail.resolve("2.eml"), StandardCharsets.UTF_8))
                    .contains("To: asa.oberg@testbolag.se");
        } finally {
            smtp.destroy();
            smtp.waitFor();
        }
    }

    @Test
    void keepsEveryAddressInOneMailboxSoItsCostDoesNotGrowWithTheAddressesItHasSeen() throws Exception {
        LocalSmtp sink = LocalSmtp.start(LocalProcess.freePort(), data.resolve("mail"));
        try {
            int port = sink.port();
            for (int i = 1; i <= 5; i++) {
                send(port, "user" + i + "@kund" + i + ".se", "Välkommen " + i, "message " + i);
            }
            AtomicInteger kept = new AtomicInteger();
            await("five messages kept").atMost(Duration.ofSeconds(30))
                    .until(() -> kept.addAndGet(sink.keepReceived()) == 5);

            assertThat(sink.users()).as("GreenMail's users: one mailbox, not one per address").isEqualTo(1);
            for (int i = 1; i <= 5; i++) {
                assertThat(Files.readString(data.resolve("mail").resolve(i + ".eml"), StandardCharsets.UTF_8))
                        .contains("To: user" + i + "@kund" + i + ".se", "message " + i);
            }
            assertThat(sink.keepReceived()).as("kept messages leave the mailbox").isZero();
        } finally {
            sink.stop();
        }
    }

    private static void send(int port, String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(port));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@provisio.cloud"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private Process start(int port) throws IOException {
        return LocalProcess.start(LocalSmtp.class, port, data, "smtp.log");
    }
}
