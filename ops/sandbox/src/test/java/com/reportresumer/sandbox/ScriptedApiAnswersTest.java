package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** Scripted answers for resume calls and listings, over real HTTP. */
class ScriptedApiAnswersTest extends OnPausedReports {

    ScriptedApiAnswersTest() {
        super(3);
    }

    private ReportStatus statusOf(UUID id) {
        return sandbox.report(id).orElseThrow().reportStatus();
    }

    @Test
    void aReportsScriptAnswersItsCallsInTurnAndTheLastAnswerRepeats() {
        sandbox.script().answerResume(first, ScriptedAnswer.envelope(500, "Internal error"),
                ScriptedAnswer.envelope(503, "Service unavailable"), ScriptedAnswer.asUsual());

        HttpResponse<String> one = http.resume(first);
        HttpResponse<String> two = http.resume(first);
        assertThat(statusOf(first)).as("scripted answers change nothing").isEqualTo(ReportStatus.PAUSED);
        HttpResponse<String> three = http.resume(first);
        HttpResponse<String> four = http.resume(first);

        assertThat(one.statusCode()).isEqualTo(500);
        assertThat(Http.json(one).get("Message").asString()).isEqualTo("Internal error");
        assertThat(Http.json(one).get("StatusCode").asInt()).isEqualTo(500);
        assertThat(Http.json(one).get("Value").size()).isZero();
        assertThat(two.statusCode()).isEqualTo(503);
        assertThat(three.statusCode()).isEqualTo(200);
        assertThat(Http.json(three).get("Message").asString()).contains("resumed successfully");
        assertThat(four.statusCode()).isEqualTo(200);
        assertThat(Http.json(four).get("Message").asString()).contains("already Active");
        assertThat(statusOf(first)).isEqualTo(ReportStatus.ACTIVE);
        assertThat(http.resume(second).statusCode()).as("another report is not scripted").isEqualTo(200);
    }

    @Test
    void theFirstNCallsAnswerOneThingThenAnother() {
        ScriptedAnswer throttled = ScriptedAnswer.envelope(429, "Too many requests").withHeader("Retry-After", "1");
        sandbox.script().answerResumeFirst(first, 2, throttled, ScriptedAnswer.resumed())
                .answerResumeFirst(second, 0, throttled, ScriptedAnswer.envelope(404, "Report not found"));

        List<HttpResponse<String>> answers = List.of(http.resume(first), http.resume(first), http.resume(first),
                http.resume(first));

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(429, 429, 200, 200);
        assertThat(answers.get(0).headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answers.get(2).headers().firstValue("Retry-After")).isEmpty();
        assertThat(http.resume(second).statusCode()).isEqualTo(404);
    }

    @Test
    void resumedAnswersTheReportOfThePathActiveEvenForAnUnknownIdAndChangesNothing() {
        UUID unknown = UUID.randomUUID();
        sandbox.script().answerEveryResume(ScriptedAnswer.resumed());

        JsonNode known = Http.json(http.resume(first));
        HttpResponse<String> r = http.resume(unknown);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        JsonNode body = Http.json(r);
        assertThat(body.get("Message").asString()).isEqualTo("Report resumed successfully");
        assertThat(body.get("StatusCode").asInt()).isEqualTo(200);
        assertThat(body.get("TotalCount").asInt()).isEqualTo(1);
        assertThat(body.get("Value").get(0).get("ReportId").asString()).isEqualTo(unknown.toString());
        assertThat(body.get("Value").get(0).get("ReportStatus").asString()).isEqualTo("Active");
        assertThat(sandbox.report(unknown)).isEmpty();
        assertThat(known.get("Value").get(0).get("ReportName").asString())
                .isEqualTo(sandbox.report(first).orElseThrow().reportName());
        assertThat(known.get("Value").get(0).get("ReportStatus").asString()).isEqualTo("Active");
        assertThat(statusOf(first)).isEqualTo(ReportStatus.PAUSED);
    }

    @Test
    void everyResumeAnswersAStatusAndAReportsOwnScriptComesFirst() {
        sandbox.script().answerEveryResume(ScriptedAnswer.envelope(503, "Service unavailable"))
                .answerResume(second, ScriptedAnswer.asUsual());

        assertThat(http.resume(first).statusCode()).isEqualTo(503);
        assertThat(http.resume(UUID.randomUUID()).statusCode()).isEqualTo(503);
        assertThat(http.resume(second).statusCode()).isEqualTo(200);
        assertThat(http.pause(first).statusCode()).as("pause calls are not resume calls").isEqualTo(200);
        assertThat(statusOf(first)).isEqualTo(ReportStatus.PAUSED);
        assertThat(statusOf(second)).isEqualTo(ReportStatus.ACTIVE);
        SandboxCounters c = sandbox.counters();
        assertThat(c.responses(503)).isEqualTo(2);
        assertThat(c.resumeCalls()).isEqualTo(3);
    }

    @Test
    void rawBodiesAreSentAsGivenWithOnlyTheHeadersGiven() {
        UUID camel = UUID.randomUUID();
        String camelBody = "{\"value\":[{\"reportId\":\"" + camel + "\",\"reportStatus\":\"Active\"}],\"statusCode\":200}";
        sandbox.script().answerResume(first, ScriptedAnswer.raw(200, "<html>502 Bad Gateway</html>"))
                .answerResume(camel, ScriptedAnswer.json(200, camelBody))
                .answerResume(second, ScriptedAnswer.raw(502, "bad gateway").withHeader("Content-Type", "text/plain"));

        HttpResponse<String> garbage = http.resume(first);
        HttpResponse<String> json = http.resume(camel);
        HttpResponse<String> text = http.resume(second);

        assertThat(garbage.statusCode()).isEqualTo(200);
        assertThat(garbage.body()).isEqualTo("<html>502 Bad Gateway</html>");
        assertThat(garbage.headers().firstValue("Content-Type")).isEmpty();
        assertThat(json.body()).isEqualTo(camelBody);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(text.statusCode()).isEqualTo(502);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(text.body()).isEqualTo("bad gateway");
    }

    @Test
    void envelopesFollowTheConfiguredCasing() throws Exception {
        try (Sandbox camel = Sandbox.start(SandboxOptions.builder().reports(1).casing(Casing.CAMEL).build())) {
            UUID id = camel.reports().get(0).reportId();
            camel.script().answerResume(id, ScriptedAnswer.envelope(400, "Report is Inactive"));

            JsonNode body = Http.json(new Http(camel).resume(id));

            assertThat(Http.names(body)).containsExactly("value", "totalCount", "message", "statusCode", "nextLink",
                    "dataRedacted");
            assertThat(body.get("message").asString()).isEqualTo("Report is Inactive");
        }
    }

    @Test
    void theTokenCheckComesFirstAndARefusedCallDoesNotAdvanceTheSequence() {
        sandbox.script().answerResume(first, ScriptedAnswer.envelope(500, "first"), ScriptedAnswer.envelope(502, "then"));

        HttpResponse<String> noToken = http.send("PUT", "/ScheduledReport/resume/" + first, null, null);

        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(http.resume(first).statusCode()).isEqualTo(500);
        assertThat(http.resume(first).statusCode()).isEqualTo(502);
        assertThat(http.resume("not-a-uuid").statusCode()).as("id syntax is checked before scripts").isEqualTo(400);
    }

    @Test
    void aDelayedAnswerOutlastsAClientTimeoutAndTheDefaultDelayAppliesToEveryResume() throws Exception {
        String token = http.token();
        sandbox.script().delayEveryResume(Duration.ofMillis(300))
                .answerResume(second, ScriptedAnswer.resumed().withDelay(Duration.ofSeconds(30)));

        long start = System.nanoTime();
        HttpResponse<String> usual = http.resume(first);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(usual.statusCode()).isEqualTo(200);
        assertThat(millis).isGreaterThanOrEqualTo(300);
        assertThat(statusOf(first)).isEqualTo(ReportStatus.ACTIVE);

        assertThatThrownBy(() -> http.send("PUT", "/ScheduledReport/resume/" + second, token, Duration.ofMillis(500)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void anAnswersOwnDelayReplacesTheDefaultOne() {
        String token = http.token();
        sandbox.script().delayEveryResume(Duration.ofSeconds(60))
                .answerResume(first, ScriptedAnswer.asUsual().withDelay(Duration.ZERO));

        HttpResponse<String> r = http.send("PUT", "/ScheduledReport/resume/" + first, token, Duration.ofSeconds(20));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(statusOf(first)).isEqualTo(ReportStatus.ACTIVE);
    }

    @Test
    void noAnswerClosesTheConnectionAndChangesNothing() {
        sandbox.script().answerResume(first, ScriptedAnswer.noAnswer());

        assertThatThrownBy(() -> http.resume(first)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);

        assertThat(statusOf(first)).isEqualTo(ReportStatus.PAUSED);
        assertThat(sandbox.counters().responsesPerStatus()).as("nothing was answered").isEmpty();
        assertThat(http.resume(second).statusCode()).as("the sandbox serves on").isEqualTo(200);
    }

    @Test
    void theUsualAnswerCanBeLostOnTheWayAfterTheChange() {
        sandbox.script().answerResume(first, ScriptedAnswer.asUsual().dropConnection(), ScriptedAnswer.asUsual());

        assertThatThrownBy(() -> http.resume(first)).isInstanceOf(UncheckedIOException.class);

        assertThat(statusOf(first)).isEqualTo(ReportStatus.ACTIVE);
        HttpResponse<String> retry = http.resume(first);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(Http.json(retry).get("Message").asString()).contains("already Active");
    }

    @Test
    void aBodyCutShortEndsInAnIoErrorOfTheClient() {
        sandbox.script().answerResume(first, ScriptedAnswer.resumed().cutShort());

        assertThatThrownBy(() -> http.resume(first)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
        assertThat(sandbox.counters().responses(200)).as("the status line was sent").isEqualTo(1);
        assertThat(http.resume(second).statusCode()).isEqualTo(200);
    }

    @Test
    void aDribbledBodyArrivesWholeInChunksOverItsDuration() {
        sandbox.script().answerResume(first, ScriptedAnswer.resumed().dribbled(4, Duration.ofMillis(300)));

        long start = System.nanoTime();
        HttpResponse<String> r = http.resume(first);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(Http.json(r).get("Value").get(0).get("ReportId").asString()).isEqualTo(first.toString());
        assertThat(millis).isGreaterThanOrEqualTo(300);
    }

    @Test
    void closeCutsAScriptedDelayShort() throws Exception {
        String token = http.token();
        sandbox.script().answerEveryResume(ScriptedAnswer.resumed().withDelay(Duration.ofSeconds(60)));
        CompletableFuture<HttpResponse<String>> call = CompletableFuture.supplyAsync(
                () -> http.send("PUT", "/ScheduledReport/resume/" + first, token, null));
        while (sandbox.counters().resumeCalls() == 0) {
            Thread.sleep(10);
        }

        sandbox.close();

        assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UncheckedIOException.class);
    }

    @Test
    void listingsTakeTheirOwnScriptsAndAMatchingQueryComesFirst() {
        String secondPage = "{\"Value\":[],\"TotalCount\":0,\"Message\":\"page 2\",\"StatusCode\":200}";
        sandbox.script().answerList(ScriptedAnswer.envelope(503, "busy"), ScriptedAnswer.asUsual())
                .answerListWhere("continuationToken", "p+2", ScriptedAnswer.json(200, secondPage));

        assertThat(http.get("/ScheduledReport").statusCode()).isEqualTo(503);
        HttpResponse<String> listed = http.get("/ScheduledReport");
        HttpResponse<String> page = http.get("/ScheduledReport?ContinuationToken=p%2B2&top=1");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(Http.json(listed).get("TotalCount").asInt()).isEqualTo(3);
        assertThat(page.body()).isEqualTo(secondPage);
        assertThat(http.get("/ScheduledReport?continuationToken=p3").statusCode()).isEqualTo(200);
        assertThat(Http.json(http.get("/ScheduledReport?continuationToken=p3")).get("TotalCount").asInt()).isEqualTo(3);
    }

    @Test
    void clearRemovesEveryScript() {
        sandbox.script().answerEveryResume(ScriptedAnswer.envelope(503, "down"))
                .answerList(ScriptedAnswer.envelope(503, "down")).delayEveryResume(Duration.ofSeconds(60));

        sandbox.script().clear();

        assertThat(http.send("PUT", "/ScheduledReport/resume/" + first, http.token(), Duration.ofSeconds(20))
                .statusCode()).isEqualTo(200);
        assertThat(http.get("/ScheduledReport").statusCode()).isEqualTo(200);
    }

    @Test
    void scriptsRefuseWhatCannotBeSent() {
        assertThatThrownBy(() -> ScriptedAnswer.raw(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedAnswer.resumed().withDelay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScriptedAnswer.resumed().dribbled(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.script().answerResumeFirst(first, -1, ScriptedAnswer.resumed(),
                ScriptedAnswer.resumed())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sandbox.script().answerResume(first, ScriptedAnswer.resumed(), (ScriptedAnswer) null))
                .isInstanceOf(NullPointerException.class);
    }
}
