package com.followup.api.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A webhook receiver on loopback: answers the statuses it is told, in order (then 200), and keeps what it got. */
final class Receiver implements AutoCloseable {
    record Received(String id, String timestamp, String signature, String contentType, String body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile Duration delay = Duration.ZERO;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            received.add(new Received(
                    headers.getFirst("webhook-id"),
                    headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"),
                    headers.getFirst("content-type"),
                    body));
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Integer status = statuses.poll();
            byte[] answer =
                    (status == null || status < 300 ? "ok" : "receiver is down").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answer(Integer... codes) {
        statuses.addAll(List.of(codes));
    }

    void delay(Duration delay) {
        this.delay = delay;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Map<String, Long> countsById() {
        return received.stream()
                .collect(java.util.stream.Collectors.groupingBy(Received::id, java.util.stream.Collectors.counting()));
    }

    void reset() {
        received.clear();
        statuses.clear();
        delay = Duration.ZERO;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
