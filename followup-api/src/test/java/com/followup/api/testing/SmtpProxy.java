package com.followup.api.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP proxy in front of a real SMTP server (GreenMail), which misbehaves as told: it answers the end of a
 * message's data late (after the real server accepted it, as a slow server does), refuses chosen recipients with the
 * reply given (a 550, say), or fails the next messages' data with a reply of its choosing without passing them on.
 * It notes every message a client sent to the end of its data, with its Message-ID and the reply the client got.
 *
 * <p>The client's DATA is answered by the proxy itself and the message held until its end, so a failed one never
 * reaches the real server; a passed one is then sent on as a whole.
 */
public final class SmtpProxy implements AutoCloseable {
    /** A message as the client sent it: its recipients, its Message-ID and the reply to the end of its data. */
    public record Seen(List<String> recipients, Optional<String> messageId, String reply) {}

    private final int upstreamPort;
    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "smtp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> refusals = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> recipientsAsked = new ConcurrentHashMap<>();
    private final AtomicInteger dataFailures = new AtomicInteger();
    private volatile String dataFailureReply = "451 4.3.0 Try again later";
    private volatile Duration dataDelay = Duration.ZERO;
    private volatile Runnable whileDataReplyWaits = () -> {};

    private SmtpProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    /** A proxy on a free loopback port, in front of the SMTP server on {@code upstreamPort} of the loopback. */
    public static SmtpProxy start(int upstreamPort) {
        try {
            return new SmtpProxy(upstreamPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Holds the reply to each message's data this long after the real server accepted it. */
    public void delayDataReply(Duration delay) {
        this.dataDelay = delay;
    }

    /** Runs {@code action} while a reply to data waits (after the real server accepted the message). */
    public void whileDataReplyWaits(Runnable action) {
        this.whileDataReplyWaits = action;
    }

    /** Answers {@code RCPT TO} for {@code address} with {@code reply} (such as {@code 550 5.1.1 No such user}). */
    public void refuse(String address, String reply) {
        refusals.put(address.toLowerCase(Locale.ROOT), reply);
    }

    /** Answers the end of the next {@code times} messages' data with {@code reply}; they do not reach the server. */
    public void failNextData(int times, String reply) {
        this.dataFailureReply = reply;
        dataFailures.set(times);
    }

    /** Every message a client sent to the end of its data, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How often a client asked to send to {@code address} ({@code RCPT TO}), refused or not. */
    public int timesAskedFor(String address) {
        AtomicInteger count = recipientsAsked.get(address.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                connections.execute(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            sockets.add(upstream);
            InputStream fromClient = new BufferedInputStream(client.getInputStream());
            OutputStream toClient = client.getOutputStream();
            InputStream fromServer = new BufferedInputStream(upstream.getInputStream());
            OutputStream toServer = upstream.getOutputStream();
            write(toClient, reply(fromServer));
            List<String> recipients = new ArrayList<>();
            String line;
            while ((line = readLine(fromClient)) != null) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("RCPT TO:")) {
                    String address = address(line);
                    recipientsAsked
                            .computeIfAbsent(address, key -> new AtomicInteger())
                            .incrementAndGet();
                    String refusal = refusals.get(address);
                    if (refusal != null) {
                        write(toClient, refusal);
                        continue;
                    }
                    recipients.add(address);
                } else if (command.startsWith("MAIL FROM:") || command.equals("RSET")) {
                    recipients.clear();
                } else if (command.equals("DATA")) {
                    write(toClient, "354 End data with <CR><LF>.<CR><LF>");
                    List<String> data = readData(fromClient);
                    write(toClient, passOn(data, recipients, toServer, fromServer));
                    recipients.clear();
                    continue;
                }
                write(toServer, line);
                String answer = reply(fromServer);
                write(toClient, answer);
                if (command.equals("QUIT")) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client or the server hung up; the test sees what got through.
        }
    }

    /** Sends a message on to the real server, or fails it; returns the reply for the client. */
    private String passOn(List<String> data, List<String> recipients, OutputStream toServer, InputStream fromServer)
            throws IOException {
        Optional<String> messageId = data.stream()
                .takeWhile(line -> !line.isEmpty())
                .filter(line -> line.regionMatches(true, 0, "Message-ID:", 0, 11))
                .map(line -> line.substring(11).strip())
                .findFirst();
        if (dataFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            String failure = dataFailureReply;
            seen.add(new Seen(List.copyOf(recipients), messageId, failure));
            return failure;
        }
        write(toServer, "DATA");
        String ready = reply(fromServer);
        if (!ready.startsWith("354")) {
            seen.add(new Seen(List.copyOf(recipients), messageId, ready));
            return ready;
        }
        StringBuilder message = new StringBuilder();
        for (String line : data) {
            message.append(line).append("\r\n");
        }
        write(toServer, message.append('.').toString());
        String accepted = reply(fromServer);
        whileDataReplyWaits.run();
        if (!dataDelay.isZero()) {
            try {
                Thread.sleep(dataDelay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        seen.add(new Seen(List.copyOf(recipients), messageId, accepted));
        return accepted;
    }

    private static String address(String rcpt) {
        int open = rcpt.indexOf('<');
        int close = rcpt.indexOf('>', open + 1);
        String address = open >= 0 && close > open
                ? rcpt.substring(open + 1, close)
                : rcpt.substring(8).strip();
        return address.toLowerCase(Locale.ROOT);
    }

    /** The lines of a message's data, still dot-stuffed, up to (without) the lone dot. */
    private static List<String> readData(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = readLine(in)) != null && !line.equals(".")) {
            lines.add(line);
        }
        return lines;
    }

    /** A whole reply, with every line of a multi-line one ({@code 250-...} up to {@code 250 ...}). */
    private static String reply(InputStream in) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = readLine(in);
            if (line == null) {
                throw new IOException("the server hung up");
            }
            if (reply.length() > 0) {
                reply.append("\r\n");
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int next;
        while ((next = in.read()) != -1) {
            if (next == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(next);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
