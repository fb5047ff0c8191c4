package com.reportresumer.sandbox;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The scheduled-report API under {@code apiPath}: the order in which a call meets counting, the rate limit,
 * latency, the token check, routing, scripted answers, injected faults and finally the operation. That order is
 * the contract tests rely on (a 429 of the rate limit comes before a 401; an injected 500 changes nothing; garbage
 * and hangs come after the change), so it lives in this one method and each step is delegated.
 */
final class ScheduledReportApi {

    private final SandboxOptions options;
    private final LiveCounters counters;
    private final RateLimiter rateLimiter;
    private final FaultInjector faults;
    private final TokenRegistry tokens;
    private final SandboxScript scripts;
    private final ScriptedResponses scriptedResponses;
    private final ReportOperations operations;
    private final Envelopes envelopes;
    private final Lifecycle lifecycle;

    ScheduledReportApi(SandboxOptions options, LiveCounters counters, FaultInjector faults, TokenRegistry tokens,
            SandboxScript scripts, ReportStore store, Envelopes envelopes, Lifecycle lifecycle) {
        this.options = options;
        this.counters = counters;
        this.rateLimiter = new RateLimiter(options.maxCallsPerSecond());
        this.faults = faults;
        this.tokens = tokens;
        this.scripts = scripts;
        this.scriptedResponses = new ScriptedResponses(store, envelopes);
        this.operations = new ReportOperations(store, envelopes);
        this.envelopes = envelopes;
        this.lifecycle = lifecycle;
    }

    /**
     * Answers one API call.
     *
     * @param method  the method as sent
     * @param subPath the raw path after {@code apiPath}
     * @return the answer, or null when the sandbox began closing while the call waited (drop the connection)
     */
    Answer answer(String method, String subPath, String rawQuery, String authorization) throws InterruptedException {
        ApiRoute route = ApiRoute.of(method.toUpperCase(Locale.ROOT), subPath);
        Counters c = counters.current();
        long now = System.currentTimeMillis();
        c.totalCalls.increment();
        if (route.kind() == ApiRoute.Kind.RESUME) {
            c.resumeAt(now / 1000);
        } else if (route.kind() == ApiRoute.Kind.PAUSE) {
            c.pauseCalls.increment();
        }
        UUID id = route.id();
        if (id != null) {
            c.report(id);
        }
        boolean limited = rateLimiter.overLimit(now / 1000);
        FaultInjector.Draw draw = faults.draw(id != null ? Dice.key(id) : Dice.key(route.kind() + " " + subPath + "?" + rawQuery));
        if (!lifecycle.pause(draw.delayMillis())) {
            return null;
        }
        Answer refused = refusal(c, route, id, limited, method, subPath, authorization);
        if (refused != null) {
            return counted(c, refused);
        }
        ScriptedAnswer scripted = scripts.next(route.kind(), id, rawQuery);
        Answer answer;
        if (scripted == null || scripted.content() == ScriptedAnswer.Content.AS_USUAL) {
            answer = usual(c, route, id, rawQuery, draw.fault());
            if (answer == null) {
                return null;
            }
            answer = scripted == null ? answer : ScriptedResponses.dressed(answer, scripted);
        } else {
            answer = scriptedResponses.render(scripted, id);
        }
        Duration delay = scripted != null && scripted.delay() != null ? scripted.delay()
                : route.kind() == ApiRoute.Kind.RESUME ? scripts.resumeDelay() : Duration.ZERO;
        if (!lifecycle.pause(delay.toMillis())) {
            return null;
        }
        return answer.answers() ? counted(c, answer) : answer;
    }

    /** What answers before a script or the operation is reached: rate limit, token, route, id syntax. */
    private Answer refusal(Counters c, ApiRoute route, UUID id, boolean limited, String method, String subPath,
            String authorization) {
        if (limited) {
            c.fault("rateLimited");
            return envelopes.error(429, "Rate limit exceeded: at most " + options.maxCallsPerSecond()
                    + " calls per second", options.quotaRetryAfter() ? Map.of("Retry-After", "1") : Map.of());
        }
        String authProblem = tokens.refusal(authorization);
        if (authProblem != null) {
            return envelopes.error(401, authProblem, Map.of("WWW-Authenticate", "Bearer"));
        }
        String path = options.apiPath() + subPath;
        if (route.kind() == ApiRoute.Kind.UNKNOWN) {
            return envelopes.error(404, "Resource not found: " + method + " " + path);
        }
        if (route.kind() == ApiRoute.Kind.NOT_ALLOWED) {
            return envelopes.error(405, "Method " + method + " is not supported on " + path);
        }
        if (route.idText() != null && id == null) {
            return envelopes.error(400, "Invalid report id '" + route.idText() + "': expected a UUID");
        }
        return null;
    }

    /**
     * The sandbox's own answer: injected 429/500 before the operation, 403/400 reports, the operation, then garbage
     * and hangs after it (a client that retries then sees "already Active"). Null when closing cut a hang short.
     */
    private Answer usual(Counters c, ApiRoute route, UUID id, String rawQuery, FaultInjector.Fault fault)
            throws InterruptedException {
        if (fault == FaultInjector.Fault.THROTTLE) {
            c.fault("throttle");
            return envelopes.error(429, "Too many requests. Retry after " + options.retryAfterSeconds() + " seconds.",
                    Map.of("Retry-After", Integer.toString(options.retryAfterSeconds())));
        }
        if (fault == FaultInjector.Fault.FAILURE) {
            c.fault("failure");
            return envelopes.error(500, "Internal server error. Please retry later.");
        }
        if (id != null && faults.isForbidden(id)) {
            c.fault("forbidden");
            return envelopes.error(403, "Forbidden: the caller is not authorized to manage report " + id);
        }
        if (id != null && faults.isRejected(id)) {
            c.fault("rejected");
            return envelopes.error(400, "Bad request: report " + id + " cannot be changed");
        }
        Answer answer = operations.run(route, id, rawQuery);
        if (fault == FaultInjector.Fault.GARBAGE && answer.status() == 200) {
            c.fault("garbage");
            answer = Envelopes.garbage();
        }
        if (fault == FaultInjector.Fault.HANG) {
            c.fault("hang");
            if (!lifecycle.pause(options.hangDuration().toMillis())) {
                return null;
            }
        }
        return answer;
    }

    private static Answer counted(Counters c, Answer a) {
        c.status(a.status());
        return a;
    }
}
