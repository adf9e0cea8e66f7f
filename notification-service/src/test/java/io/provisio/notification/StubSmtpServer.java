package io.provisio.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server on a socket that answers RCPT TO with scripted replies (e.g. {@code 451} then
 * {@code 250}, or {@code 550}) and otherwise accepts: the relay behaviours GreenMail cannot produce.
 * It counts what it saw, so a test can tell a retried call from one that was never retried.
 */
public final class StubSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Queue<String> rcptReplies = new ConcurrentLinkedQueue<>();
    private final AtomicInteger rcptCommands = new AtomicInteger();
    private final List<String> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public StubSmtpServer() {
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    /** The next RCPT TO commands get these replies, in order; afterwards {@code 250 OK}. */
    public StubSmtpServer answerRecipients(String... replies) {
        rcptReplies.addAll(List.of(replies));
        return this;
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** How many RCPT TO commands arrived: one per SMTP call of a one-recipient e-mail. */
    public int recipientCommands() {
        return rcptCommands.get();
    }

    /** The raw messages accepted after DATA. */
    public List<String> accepted() {
        return accepted;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = client.getOutputStream()) {
            reply(out, "220 stub.provisio.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 stub.provisio.test");
                    case "RCPT" -> {
                        rcptCommands.incrementAndGet();
                        String scripted = rcptReplies.poll();
                        reply(out, scripted == null ? "250 2.1.5 OK" : scripted);
                    }
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        StringBuilder data = new StringBuilder();
                        String dataLine;
                        while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                            data.append(dataLine).append("\r\n");
                        }
                        accepted.add(data.toString());
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // The client hung up: nothing to do for a stub.
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        try {
            socket.close();
            acceptor.join(java.time.Duration.ofSeconds(5));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
