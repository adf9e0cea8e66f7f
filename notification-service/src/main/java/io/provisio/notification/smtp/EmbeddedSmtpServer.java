package io.provisio.notification.smtp;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * GreenMail listening for SMTP on localhost. It takes part in the lifecycle with a low phase, so it
 * is up before the mail dispatcher starts sending and goes down only after the dispatcher stopped.
 */
final class EmbeddedSmtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpServer.class);

    private final int port;
    private GreenMail greenMail;

    EmbeddedSmtpServer(int port) {
        this.port = port;
    }

    @Override
    public synchronized void start() {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        log.info("Embedded SMTP sink listening on 127.0.0.1:{}", port);
    }

    @Override
    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return greenMail != null && greenMail.isRunning();
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
