package com.reportresumer.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The journal of requests received, over real HTTP. */
class RequestJournalTest extends OnPausedReports {

    RequestJournalTest() {
        super(2);
    }

    @Test
    void everyRequestIsRecordedWithWhatWasSentAndAnswered() {
        Instant before = Instant.now();
        http.token();
        http.resume(first);
        Http.exchange(HttpRequest.newBuilder(URI.create(sandbox.apiUrl() + "/ScheduledReport?reportName=a%20b&top=1"))
                .header("X-Trace", "one").header("X-Trace", "two").GET().build());
        Http.raw("GET", sandbox.baseUrl() + "/_sandbox/health");

        List<RecordedRequest> all = sandbox.journal().requests();

        assertThat(all).extracting(RecordedRequest::url).containsExactly("/" + SandboxOptions.DEFAULT_TENANT_ID
                + "/oauth2/token", SandboxOptions.DEFAULT_API_PATH + "/ScheduledReport/resume/" + first,
                SandboxOptions.DEFAULT_API_PATH + "/ScheduledReport?reportName=a%20b&top=1", "/_sandbox/health");
        RecordedRequest token = all.get(0);
        assertThat(token.method()).isEqualTo("POST");
        assertThat(token.rawQuery()).isNull();
        assertThat(token.header("content-type")).startsWith("application/x-www-form-urlencoded");
        assertThat(token.body()).contains("grant_type=client_credentials", "client_secret=sandbox-client-secret");
        assertThat(token.status()).isEqualTo(200);
        RecordedRequest resume = all.get(1);
        assertThat(resume.method()).isEqualTo("PUT");
        assertThat(resume.header("AUTHORIZATION")).isEqualTo("Bearer " + http.token());
        assertThat(resume.header("Content-Type")).isEqualTo("application/json");
        assertThat(resume.body()).isEmpty();
        assertThat(resume.lastPathSegment()).isEqualTo(first.toString());
        assertThat(resume.status()).isEqualTo(200);
        RecordedRequest list = all.get(2);
        assertThat(list.rawQuery()).isEqualTo("reportName=a%20b&top=1");
        assertThat(list.headers().get("x-trace")).containsExactly("one", "two");
        assertThat(list.status()).as("no token").isEqualTo(401);
        assertThat(all).allSatisfy(r -> {
            assertThat(r.receivedAt()).isAfterOrEqualTo(before.minusSeconds(1));
            assertThat(r.answered()).isTrue();
            assertThat(r.answeredAt()).isAfterOrEqualTo(r.receivedAt());
        });
        assertThat(all).extracting(RecordedRequest::receivedNanos).isSorted();
    }

    @Test
    void resumeCallsAreInArrivalOrderAndCountedPerIdAsSent() {
        String upper = first.toString().toUpperCase();
        http.resume(first);
        http.resume(second);
        http.resume(upper);
        http.resume(first);
        http.pause(first);
        http.resume("not-a-uuid");

        RequestJournal journal = sandbox.journal();

        assertThat(journal.resumeCalls()).extracting(RecordedRequest::lastPathSegment)
                .containsExactly(first.toString(), second.toString(), upper, first.toString(), "not-a-uuid");
        assertThat(journal.resumeCallsPerReport()).containsExactly(Map.entry(first.toString(), 2L),
                Map.entry(second.toString(), 1L), Map.entry(upper, 1L), Map.entry("not-a-uuid", 1L));
        assertThat(journal.tokenRequestCount()).isEqualTo(1);
        assertThat(journal.tokenRequests()).singleElement().extracting(RecordedRequest::method).isEqualTo("POST");
        assertThat(journal.urls()).hasSize(7).contains(SandboxOptions.DEFAULT_API_PATH + "/ScheduledReport/pause/" + first);
    }

    @Test
    void bothTokenEndpointsAreTokenRequests() {
        Http.postForm(sandbox.tokenUrl(), Http.clientCredentials(sandbox.options()));
        Http.postForm(sandbox.tokenUrlV2(), Map.of("grant_type", "client_credentials"));
        Http.raw("GET", sandbox.baseUrl() + "/other/oauth2/token");

        assertThat(sandbox.journal().tokenRequestCount()).isEqualTo(3);
        assertThat(sandbox.journal().resumeCalls()).isEmpty();
    }

    @Test
    void aDroppedConnectionIsRecordedWithoutAStatus() {
        sandbox.script().answerResume(first, ScriptedAnswer.noAnswer());
        try {
            http.resume(first);
        } catch (RuntimeException expected) {
            // the connection was closed without an answer
        }

        assertThat(sandbox.journal().resumeCalls()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isZero();
            assertThat(r.answered()).isTrue();
        });
    }

    @Test
    void aCallInFlightIsRecordedOnArrivalAndEndsWhenAnswered() throws Exception {
        String token = http.token();
        sandbox.script().answerResume(first, ScriptedAnswer.resumed().withDelay(Duration.ofSeconds(60)));
        Thread caller = new Thread(() -> {
            try {
                http.send("PUT", "/ScheduledReport/resume/" + first, token, null);
            } catch (RuntimeException expected) {
                // the sandbox closes while the call waits
            }
        });
        caller.start();
        while (sandbox.journal().resumeCalls().isEmpty()) {
            Thread.sleep(10);
        }

        RecordedRequest inFlight = sandbox.journal().resumeCalls().get(0);

        assertThat(inFlight.answered()).isFalse();
        assertThat(inFlight.answeredAt()).isNull();
        assertThat(inFlight.status()).isZero();
        sandbox.close();
        caller.join(30_000);
        assertThat(sandbox.journal().resumeCalls().get(0).answered()).isTrue();
    }

    @Test
    void theJournalIsBoundedAndCanBeCleared() {
        RequestJournal journal = sandbox.journal();
        assertThat(journal.capacity()).isEqualTo(RequestJournal.DEFAULT_CAPACITY);
        journal.capacity(3);
        for (int i = 0; i < 5; i++) {
            Http.raw("GET", sandbox.baseUrl() + "/_sandbox/health?n=" + i);
        }

        assertThat(journal.urls()).containsExactly("/_sandbox/health?n=2", "/_sandbox/health?n=3", "/_sandbox/health?n=4");
        assertThat(journal.dropped()).isEqualTo(2);
        journal.capacity(1);
        assertThat(journal.urls()).containsExactly("/_sandbox/health?n=4");
        assertThat(journal.dropped()).isEqualTo(4);

        journal.clear();

        assertThat(journal.requests()).isEmpty();
        assertThat(journal.dropped()).isZero();
        Http.raw("GET", sandbox.baseUrl() + "/_sandbox/health");
        assertThat(journal.urls()).containsExactly("/_sandbox/health");
        journal.capacity(0);
        Http.raw("GET", sandbox.baseUrl() + "/_sandbox/health");
        assertThat(journal.requests()).as("capacity 0 records nothing").isEmpty();
        assertThatThrownBy(() -> journal.capacity(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
