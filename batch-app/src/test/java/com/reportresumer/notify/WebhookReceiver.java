package com.reportresumer.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A webhook on loopback, as Slack's or a Teams workflow's: it records every POST (when, which path, the body) and
 * answers what the test scripted, in order, then 200. {@link #HANG} answers nothing until the receiver is closed.
 * Its URL holds {@link #KEY}, the part of a real webhook's URL that is its key, for the tests to look for in output.
 */
final class WebhookReceiver implements AutoCloseable {

    /** The key in the URL: no output of the application may ever hold it. */
    static final String KEY = "XoXb-hook-KEY-8f41c2d7e9";
    /** A scripted answer that never comes. */
    static final int HANG = -1;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request as it arrived. */
    record Received(Instant at, String path, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    static WebhookReceiver start() throws IOException {
        return new WebhookReceiver();
    }

    /** Answers these statuses (or {@link #HANG}) to the next requests, in order; 200 after them. */
    synchronized WebhookReceiver answering(int... statuses) {
        for (int status : statuses) {
            script.add(status);
        }
        return this;
    }

    /** The webhook's URL: plain http, to a loopback literal. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/services/T0R3S/B0M3R/" + KEY;
    }

    /** A URL where nothing listens: a connection to it is refused. */
    static String nothingListening() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        return "http://127.0.0.1:" + port + "/services/T0R3S/B0M3R/" + KEY;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests once there are at least {@code n}; fails after {@code within}. */
    List<Received> await(int n, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (received().size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the webhook received " + received().size() + " requests, not " + n
                        + ", within " + within);
            }
            Thread.sleep(50);
        }
        return received();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status;
        synchronized (this) {
            received.add(new Received(Instant.now(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body));
            status = script.isEmpty() ? 200 : script.poll();
        }
        if (status == HANG) {
            try {
                closed.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
