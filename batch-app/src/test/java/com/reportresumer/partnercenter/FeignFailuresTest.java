package com.reportresumer.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.reportresumer.testsupport.UnitTest;
import feign.FeignException;
import feign.Request;
import feign.RetryableException;
import feign.codec.DecodeException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FeignFailures}: what is left of Feign's exceptions once the decoders have done their part. */
@UnitTest
class FeignFailuresTest {

    private static final String SECRET_URL = "https://api.example.test/insights/v1/mpn/ScheduledReport/resume/"
            + "3f2504e0-4f89-11d3-9a0c-0305e82c3301?code=do-not-print";
    private static final Request REQUEST = Request.create(Request.HttpMethod.PUT, SECRET_URL, Map.of(), null,
            StandardCharsets.UTF_8, null);

    private static PartnerCenterException translate(String endpoint, RuntimeException thrown) {
        Throwable caught = catchThrowable(() -> FeignFailures.translated(endpoint, () -> {
            throw thrown;
        }));
        assertThat(caught).isInstanceOf(PartnerCenterException.class);
        return (PartnerCenterException) caught;
    }

    @Test
    void anAnswerItReturnsPassesThrough() {
        assertThat(FeignFailures.translated("", () -> "answer")).isEqualTo("answer");
    }

    @Test
    void whatOurDecodersUnderstoodIsThrownAsTheyMeantIt() {
        var rejected = new PartnerCenterException.CredentialsRejected(401, "invalid_client");
        PartnerCenterException translated = translate("the token endpoint",
                new DecodeException(200, "wrapped", REQUEST, rejected));
        assertThat(translated).isSameAs(rejected);
    }

    @Test
    void anUnreadableAnswerIsTransientWithItsStatus() {
        PartnerCenterException translated = translate("", new DecodeException(200, "Unrecognized token", REQUEST));
        assertThat(translated).isInstanceOf(PartnerCenterException.Transient.class)
                .hasMessage("HTTP 200 with an unreadable answer");
        assertThat(translated.httpStatus()).isEqualTo(200);

        assertThat(translate("the token endpoint", new DecodeException(502, "x", REQUEST)))
                .hasMessage("the token endpoint: HTTP 502 with an unreadable answer");
    }

    @Test
    void anIoFailureNamesItsRootCauseAndHasNoStatus() {
        RetryableException timeout = new RetryableException(-1, "Read timed out executing PUT " + SECRET_URL,
                Request.HttpMethod.PUT, new SocketTimeoutException("Read timed out"), (Long) null, REQUEST);
        PartnerCenterException translated = translate("", timeout);
        assertThat(translated).isInstanceOf(PartnerCenterException.Transient.class)
                .hasMessage("SocketTimeoutException: Read timed out");
        assertThat(translated.httpStatus()).isNull();

        assertThat(translate("the token endpoint", timeout))
                .hasMessage("the token endpoint could not be reached: SocketTimeoutException: Read timed out");
    }

    @Test
    void anyOtherFeignFailureIsNamedByItsTypeNeverByFeignsMessageWhichQuotesTheRequest() {
        FeignException failure = FeignException.errorStatus("PartnerCenterApi#resume",
                feign.Response.builder().status(418).reason("teapot").request(REQUEST)
                        .body("token=do-not-print", StandardCharsets.UTF_8).build());
        PartnerCenterException translated = translate("", failure);
        assertThat(translated).isInstanceOf(PartnerCenterException.Transient.class);
        assertThat(translated.getMessage()).startsWith("the call failed: ").doesNotContain("do-not-print");
        assertThat(translated.httpStatus()).isEqualTo(418);
    }

    /** Whether the API may have carried out a request that got no readable answer decides whether a read follows. */
    @Test
    void anAnswerIsLostOnlyWhenTheRequestMayHaveGoneOut() {
        RetryableException readTimeout = new RetryableException(-1, "Read timed out", Request.HttpMethod.PUT,
                new SocketTimeoutException("Read timed out"), (Long) null, REQUEST);
        RetryableException refused = new RetryableException(-1, "Connection refused", Request.HttpMethod.PUT,
                new java.net.ConnectException("Connection refused"), (Long) null, REQUEST);
        RetryableException connectTimeout = new RetryableException(-1, "connect timed out", Request.HttpMethod.PUT,
                new org.apache.hc.client5.http.ConnectTimeoutException("Connect to api timed out"), (Long) null,
                REQUEST);
        RetryableException reset = new RetryableException(-1, "reset", Request.HttpMethod.PUT,
                new java.net.SocketException("Connection reset"), (Long) null, REQUEST);

        assertThat(((PartnerCenterException.Transient) translate("", readTimeout)).answerLost()).isTrue();
        assertThat(((PartnerCenterException.Transient) translate("", reset)).answerLost()).isTrue();
        assertThat(((PartnerCenterException.Transient) translate("", refused)).answerLost()).isFalse();
        assertThat(((PartnerCenterException.Transient) translate("", connectTimeout)).answerLost()).isFalse();
        // an unreadable 2xx: the API did something, and said so unreadably
        assertThat(((PartnerCenterException.Transient) translate("",
                new DecodeException(200, "garbage", REQUEST))).answerLost()).isTrue();
        assertThat(new PartnerCenterException.Transient(503, "unavailable", null, null).answerLost()).isFalse();
    }

    /** A library's causes that loop (each the other's, as initCause allows) neither hang the caller nor lose the root. */
    @Test
    void causesThatLoopAreReadOnceEach() {
        java.io.IOException reset = new java.io.IOException("Connection reset");
        java.io.UncheckedIOException wrapper = new java.io.UncheckedIOException("while reading the answer", reset);
        reset.initCause(wrapper);
        RetryableException failure = new RetryableException(-1, "reset", Request.HttpMethod.PUT, wrapper, (Long) null,
                REQUEST);

        PartnerCenterException translated = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> translate("", failure));
        assertThat(translated).hasMessage("IOException: Connection reset");
        assertThat(((PartnerCenterException.Transient) translated).answerLost()).isTrue();
    }
}
