package com.reportresumer.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The practical limit the job is compared with: what a careful engineer writes by hand with no framework. One token,
 * JDK {@code HttpClient} on {@code concurrency} threads, keyset pages of {@code page} {@code PENDING} rows, and per
 * page one transaction with a JDBC batch of audit rows and a JDBC batch of status updates. No retries, no rate
 * limit, no outage guard, no Spring Batch metadata: it only has to be right when nothing goes wrong.
 * <p>
 * Run as a process of its own by the bench; prints {@code reference processed=N seconds=S} (from before the token
 * request to the last commit, JVM start-up excluded — as the job's own wall time excludes Spring's).
 */
public final class ReferenceResumer {

    private static final Pattern STATUS_CODE = Pattern.compile("\"StatusCode\"\\s*:\\s*(\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern REPORT_STATUS = Pattern.compile("\"ReportStatus\"\\s*:\\s*\"([A-Za-z]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private record Request(long id, String reportId) {
    }

    private record Outcome(Request request, String outcome, Integer httpStatus, Integer apiStatus, String reportStatus,
            long durationMs) {
    }

    private ReferenceResumer() {
    }

    /** The secrets come from the environment, as the job's do. */
    static final String PASSWORD_VARIABLE = "REFERENCE_DB_PASSWORD", CLIENT_SECRET_VARIABLE = "REFERENCE_CLIENT_SECRET";

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        int concurrency = Integer.parseInt(a.getOrDefault("concurrency", "16"));
        int page = Integer.parseInt(a.getOrDefault("page", "500"));
        String apiUrl = a.get("api-url");

        long started = System.nanoTime();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = token(http, a.get("token-url"), a.get("client-id"), System.getenv(CLIENT_SECRET_VARIABLE),
                a.get("resource"));
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        long processed = 0;
        try (Connection db = DriverManager.getConnection(a.get("jdbc-url"), a.get("user"),
                System.getenv(PASSWORD_VARIABLE))) {
            db.setAutoCommit(false);
            try (PreparedStatement select = db.prepareStatement(
                    "SELECT id, report_id FROM resume_request WHERE status = 'PENDING' AND id > ? ORDER BY id LIMIT ?");
                 PreparedStatement audit = db.prepareStatement("""
                         INSERT INTO resume_audit (request_id, report_id, outcome, http_status, api_status_code, attempts,
                                                   report_status, duration_ms)
                         VALUES (?, ?, ?, ?, ?, ?, ?, ?)""");
                 PreparedStatement update = db.prepareStatement("""
                         UPDATE resume_request SET status = ?, last_outcome = ?, attempts = attempts + ?, updated_at = now()
                          WHERE id = ?""")) {
                long after = 0;
                while (true) {
                    List<Request> requests = new ArrayList<>(page);
                    select.setLong(1, after);
                    select.setInt(2, page);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            requests.add(new Request(rs.getLong(1), rs.getString(2)));
                        }
                    }
                    if (requests.isEmpty()) {
                        break;
                    }
                    List<Future<Outcome>> calls = new ArrayList<>(requests.size());
                    for (Request r : requests) {
                        calls.add(callers.submit(() -> resume(http, apiUrl, token, r)));
                    }
                    for (Future<Outcome> call : calls) {
                        Outcome o = call.get();
                        audit.setLong(1, o.request().id());
                        audit.setString(2, o.request().reportId());
                        audit.setString(3, o.outcome());
                        setInt(audit, 4, o.httpStatus());
                        setInt(audit, 5, o.apiStatus());
                        setInt(audit, 6, o.httpStatus() == null ? null : 1);
                        audit.setString(7, o.reportStatus());
                        audit.setLong(8, o.durationMs());
                        audit.addBatch();
                        update.setString(1, o.outcome().equals("FAILED") ? "FAILED" : "DONE");
                        update.setString(2, o.outcome());
                        update.setInt(3, o.httpStatus() == null ? 0 : 1);
                        update.setLong(4, o.request().id());
                        update.addBatch();
                    }
                    audit.executeBatch();
                    update.executeBatch();
                    db.commit();
                    processed += requests.size();
                    after = requests.get(requests.size() - 1).id();
                }
            }
        } finally {
            callers.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("reference processed=%d seconds=%.3f%n", processed, seconds);
    }

    private static void setInt(PreparedStatement ps, int index, Integer value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, value);
        }
    }

    private static String token(HttpClient http, String tokenUrl, String clientId, String secret, String resource)
            throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret)
                + "&resource=" + enc(resource);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("token endpoint answered " + r.statusCode());
        }
        return m.group(1);
    }

    private static Outcome resume(HttpClient http, String apiUrl, String token, Request r) {
        long started = System.nanoTime();
        UUID id;
        try {
            id = UUID.fromString(r.reportId().strip());
        } catch (IllegalArgumentException e) {
            return new Outcome(r, "INVALID_ID", null, null, null, 0);
        }
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/ScheduledReport/resume/" + id))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            int status = answer.statusCode();
            Matcher code = STATUS_CODE.matcher(answer.body());
            Matcher report = REPORT_STATUS.matcher(answer.body());
            String outcome = status / 100 == 2 ? "RESUMED" : switch (status) {
                case 403 -> "FORBIDDEN";
                case 404 -> "NOT_FOUND";
                case 400 -> "REJECTED";
                default -> "FAILED";
            };
            return new Outcome(r, outcome, status, code.find() ? Integer.valueOf(code.group(1)) : null,
                    report.find() ? report.group(1) : null, (System.nanoTime() - started) / 1_000_000);
        } catch (Exception e) {
            return new Outcome(r, "FAILED", null, null, null, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
