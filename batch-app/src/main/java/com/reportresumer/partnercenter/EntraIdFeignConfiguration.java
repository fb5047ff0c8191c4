package com.reportresumer.partnercenter;

import feign.Response;
import feign.codec.Decoder;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * Feign settings of the token client only (not a scanned configuration). Never logs or echoes the form body, nor
 * the text of an error answer ({@link #errorCodes}).
 */
class EntraIdFeignConfiguration extends FeignClientDefaults {

    private static final Pattern OAUTH_ERROR = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern AADSTS = Pattern.compile("\\bAADSTS\\d{4,8}\\b");
    /** The error code and a few AADSTS numbers are plenty. */
    private static final int MAX_CODES = 6;

    @Bean
    Encoder entraIdEncoder() {
        return new Encoder.Default();
    }

    @Bean
    Decoder entraIdDecoder() {
        return (response, type) -> {
            byte[] body = ResponseText.boundedAnswer(response, ResponseText.MAX_ANSWER_BODY,
                    "the token endpoint answered");
            try {
                return PartnerCenterJson.MAPPER.readValue(body, EntraIdTokenApi.TokenResponse.class);
            }
            catch (RuntimeException unreadable) {
                throw new PartnerCenterException.Transient(response.status(),
                        "the token endpoint answered HTTP " + response.status() + " with an unreadable body", null,
                        null);
            }
        };
    }

    @Bean
    ErrorDecoder entraIdErrorDecoder() {
        return (methodKey, response) -> refusal(response);
    }

    @Bean
    feign.Logger entraIdLogger() {
        return new RedactingFeignLogger(EntraIdTokenApi.class, true);
    }


    /** 4xx: the credentials are refused (fatal); 5xx and 429: the endpoint is having trouble (transient). */
    static PartnerCenterException refusal(Response response) {
        int status = response.status();
        String codes;
        try {
            codes = errorCodes(ResponseText.body(response));
        }
        catch (IOException e) {
            codes = null;
        }
        String described = "the token endpoint answered HTTP " + status + (codes == null ? "" : " (" + codes + ")");
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new PartnerCenterException.CredentialsRejected(status, "Entra ID refused the credentials ("
                    + described + ")");
        }
        return new PartnerCenterException.Transient(status, described, ResponseText.retryAfter(response), null);
    }

    /**
     * What of a token endpoint's error body may be repeated: the OAuth {@code error} code if it is a plain token,
     * and the AADSTS error numbers found anywhere in it; null when there are none. Never its free text: an
     * endpoint (or a proxy before it) may quote the request, and with it the client secret or the password, into
     * a log line and the execution's exit message, which the read-only ops role can read.
     */
    static String errorCodes(byte[] body) {
        Set<String> codes = new LinkedHashSet<>();
        if (body.length > 0) {
            try {
                JsonNode error = PartnerCenterJson.MAPPER.readTree(body).get("error");
                if (error != null && error.isString() && OAUTH_ERROR.matcher(error.asString()).matches()) {
                    codes.add(error.asString());
                }
            }
            catch (RuntimeException notJson) {
                // no error code then; AADSTS numbers may still be in the text
            }
        }
        Matcher aadsts = AADSTS.matcher(new String(body, StandardCharsets.UTF_8));
        while (codes.size() < MAX_CODES && aadsts.find()) {
            codes.add(aadsts.group());
        }
        return codes.isEmpty() ? null : String.join(", ", codes);
    }
}
