package io.provisio.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's SMTP sink, as its own process (a real deployment sends to a relay; Mailpit in compose). It
 * accepts every message on 127.0.0.1 and keeps each one as {@code <PROVISIO_DATA_DIR>/mail/<n>.eml}, so a
 * developer can open the activation link a local onboarding sent. It used to run inside notification-service;
 * out here, no test SMTP server ships in a service's jar.
 *
 * <p>Every message goes to one mailbox, whatever its recipients (they stay in its headers): GreenMail would
 * otherwise make a user and a mailbox for each new address, and it finds a mailbox by walking the list of all of
 * them, so with one address per onboarding the sink's cost per e-mail grew with every onboarding the local run
 * had sent (docs/PERFORMANCE.md, run 20). A message with several recipients is delivered, and kept, once for
 * each, as a relay would hand it on.
 *
 * <p>{@code java -cp devstack-<version>-exec.jar -Dloader.main=io.provisio.devstack.LocalSmtp
 * org.springframework.boot.loader.launch.PropertiesLauncher [port]} (deploy/local/run.sh does it; port 3025).
 */
public final class LocalSmtp {

    private static final Logger log = LoggerFactory.getLogger(LocalSmtp.class);

    private final GreenMail smtp;
    private final GreenMailUser sink;
    private final Path mailDir;
    private final AtomicInteger kept;

    private LocalSmtp(GreenMail smtp, Path mailDir) throws IOException {
        this.smtp = smtp;
        this.mailDir = mailDir;
        this.kept = new AtomicInteger(countExisting(mailDir));
        // Nothing reads this mailbox over IMAP or POP3 (only SMTP listens), so its password guards nothing.
        this.sink = smtp.setUser("sink@localhost", "sink", UUID.randomUUID().toString());
        smtp.getUserManager().setMessageDeliveryHandler((message, recipient) -> sink);
    }

    /** A sink on 127.0.0.1:{@code port}; each {@link #keepReceived()} keeps what arrived under {@code mailDir}. */
    static LocalSmtp start(int port, Path mailDir) throws IOException {
        Files.createDirectories(mailDir);
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        return new LocalSmtp(smtp, mailDir);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 3025;
        Path mailDir = Path.of(System.getenv().getOrDefault("PROVISIO_DATA_DIR", ".data")).resolve("mail");
        LocalSmtp sink = start(port, mailDir);
        log.info("Local SMTP sink listening on 127.0.0.1:{}; messages are kept in {}", port, mailDir.toAbsolutePath());

        ScheduledExecutorService keeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "mail-keeper"));
        keeper.scheduleWithFixedDelay(sink::keepReceived, 200, 200, TimeUnit.MILLISECONDS);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Local SMTP sink shutting down");
            keeper.shutdown();
            sink.stop();
            stopped.countDown();
        }, "local-smtp-shutdown"));
        stopped.await();
    }

    /**
     * Writes what arrived since the last round and takes exactly those messages out of the mailbox, so the
     * sink's memory stays flat however many e-mails a benchmark sends, and a message arriving meanwhile waits for
     * the next round instead of being purged unseen.
     *
     * @return how many messages this round kept
     */
    int keepReceived() {
        try {
            MailFolder inbox = smtp.getManagers().getImapHostManager().getInbox(sink);
            // A copy: the folder's own list changes as messages arrive and as expunge takes them out.
            List<StoredMessage> arrived = List.copyOf(inbox.getMessages());
            for (StoredMessage message : arrived) {
                keep(message.getMimeMessage(), mailDir.resolve(kept.incrementAndGet() + ".eml"));
                message.setFlag(Flags.Flag.DELETED, true);
            }
            if (!arrived.isEmpty()) {
                inbox.expunge();
            }
            return arrived.size();
        } catch (FolderException | RuntimeException e) {
            log.warn("Could not keep the received messages this round: {}", e.toString());
            return 0;
        }
    }

    int port() {
        return smtp.getSmtp().getPort();
    }

    /** The users GreenMail holds: the one sink, however many addresses it received for. */
    int users() {
        return smtp.getUserManager().listUser().size();
    }

    void stop() {
        smtp.stop();
    }

    private static void keep(MimeMessage message, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
            log.info("Mail to {}: \"{}\" ({})", recipients(message), message.getSubject(), file.getFileName());
        } catch (IOException | MessagingException e) {
            log.warn("Could not keep a received message as {}: {}", file, e.toString());
        }
    }

    private static String recipients(MimeMessage message) throws MessagingException {
        Address[] to = message.getAllRecipients();
        return to == null ? "?" : String.join(", ", Arrays.stream(to).map(Address::toString).toList());
    }

    private static int countExisting(Path mailDir) throws IOException {
        try (var files = Files.list(mailDir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
        }
    }
}
