package com.reportresumer.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PartnerCenterErrorDecoder}: what a non-2xx answer means for the caller, built from bare Feign responses. */
@UnitTest
class PartnerCenterErrorDecoderTest {

    private static final Request REQUEST = Request.create(Request.HttpMethod.POST,
            "https://api.partnercenter.microsoft.com/insights/v1/mpn/ScheduledReport/resume/x", Map.of(), null,
            StandardCharsets.UTF_8, null);

    private static Exception decode(int status, String body, Map<String, Collection<String>> headers) {
        Response.Builder response = Response.builder().status(status).reason("reason").request(REQUEST)
                .headers(headers);
        if (body != null) {
            response.body(body, StandardCharsets.UTF_8);
        }
        return new PartnerCenterErrorDecoder().decode("PartnerCenterApi#resume", response.build());
    }

    private static Exception decode(int status, String body) {
        return decode(status, body, Map.of());
    }

    @ParameterizedTest
    @ValueSource(ints = { 400, 403, 404, 405, 409, 410, 418, 422, 499 })
    void otherClientErrorsArePermanentWithTheApiMessage(int status) {
        Exception e = decode(status, "{\"Message\":\"Report is Inactive\",\"StatusCode\":" + status + "}");
        assertThat(e).isInstanceOf(PartnerCenterException.Permanent.class).hasMessage("Report is Inactive");
        PartnerCenterException.Permanent permanent = (PartnerCenterException.Permanent) e;
        assertThat(permanent.httpStatus()).isEqualTo(status);
        assertThat(permanent.apiStatusCode()).isEqualTo(status);
    }

    @Test
    void aPermanentRefusalReadsCamelCaseAPlainTextBodyOrNone() {
        PartnerCenterException.Permanent camel = (PartnerCenterException.Permanent) decode(403,
                "{\"message\":\"Caller lacks the insights role\",\"statusCode\":403}");
        assertThat(camel).hasMessage("Caller lacks the insights role");
        assertThat(camel.apiStatusCode()).isEqualTo(403);

        PartnerCenterException.Permanent text = (PartnerCenterException.Permanent) decode(404, "Report not found\n");
        assertThat(text).hasMessage("Report not found");
        assertThat(text.apiStatusCode()).isNull();

        PartnerCenterException.Permanent none = (PartnerCenterException.Permanent) decode(404, null);
        assertThat(none.getMessage()).isNull();
        assertThat(none.httpStatus()).isEqualTo(404);

        PartnerCenterException.Permanent notANumber = (PartnerCenterException.Permanent) decode(400,
                "{\"Message\":\"bad\",\"StatusCode\":\"four hundred\"}");
        assertThat(notANumber.apiStatusCode()).isNull();
    }

    @Test
    void unauthorizedIsItsOwnKind() {
        assertThat(decode(401, "{\"error\":\"invalid_token\"}")).isInstanceOf(PartnerCenterException.Unauthorized.class)
                .hasMessage("HTTP 401: invalid_token");
        assertThat(decode(401, null)).isInstanceOf(PartnerCenterException.Unauthorized.class).hasMessage("HTTP 401");
    }

    @ParameterizedTest
    @ValueSource(ints = { 408, 429, 500, 502, 503, 504, 599 })
    void timeoutsThrottlingAndServerErrorsAreTransient(int status) {
        Exception e = decode(status, "{\"Message\":\"Service unavailable\"}");
        assertThat(e).isInstanceOf(PartnerCenterException.Transient.class)
                .hasMessage("HTTP " + status + ": Service unavailable");
        assertThat(((PartnerCenterException.Transient) e).httpStatus()).isEqualTo(status);
        assertThat(((PartnerCenterException.Transient) e).retryAfter()).isNull();
    }

    @ParameterizedTest
    @ValueSource(ints = { 100, 204, 301, 302, 304 })
    void anythingElseIsUnexpectedAndTransient(int status) {
        Exception e = decode(status, null);
        assertThat(e).isInstanceOf(PartnerCenterException.Transient.class).hasMessage("unexpected HTTP " + status);
    }

    private static Duration retryAfter(String value) {
        return ((PartnerCenterException.Transient) decode(429, "", Map.of("Retry-After", List.of(value))))
                .retryAfter();
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(retryAfter("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(retryAfter(" 7 ")).isEqualTo(Duration.ofSeconds(7));
        assertThat(retryAfter("0")).isEqualTo(Duration.ZERO);
        assertThat(retryAfter("-1")).isNull();
        assertThat(retryAfter("soon")).isNull();
        assertThat(retryAfter("1.5")).isNull();
        assertThat(((PartnerCenterException.Transient) decode(503, "", Map.of("retry-after", List.of("3"))))
                .retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        ZonedDateTime inThirty = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30);
        Duration wait = retryAfter(DateTimeFormatter.RFC_1123_DATE_TIME.format(inThirty));
        assertThat(wait).isBetween(Duration.ofSeconds(27), Duration.ofSeconds(30));
        assertThat(retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).as("in the past: now").isEqualTo(Duration.ZERO);
        assertThat(retryAfter("Wed, 32 Oct 2015 07:28:00 GMT")).isNull();
    }

    @Test
    void aHugeErrorBodyGivesABoundedOneLineMessage() {
        Exception e = decode(500, "<html>\r\n" + "x".repeat(200_000));
        assertThat(e.getMessage()).startsWith("HTTP 500: <html> xxx").doesNotContain("\n", "\r");
        assertThat(e.getMessage().length()).isLessThanOrEqualTo(500);
    }
}
