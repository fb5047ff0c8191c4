package com.reportresumer.partnercenter;

import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.Encoder;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import org.springframework.context.annotation.Bean;

/** Feign settings of the token client only (not a scanned configuration). Never logs or echoes the form body. */
class EntraIdFeignConfiguration {

    @Bean
    Encoder entraIdEncoder() {
        return new Encoder.Default();
    }

    @Bean
    Decoder entraIdDecoder() {
        return (response, type) -> {
            byte[] body = ResponseText.body(response);
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

    @Bean
    Retryer entraIdRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    Request.Options entraIdOptions(PartnerCenterProperties properties) {
        return properties.requestOptions();
    }

    /** 4xx: the credentials are refused (fatal); 5xx and 429: the endpoint is having trouble (transient). */
    static PartnerCenterException refusal(Response response) {
        int status = response.status();
        String message;
        try {
            message = ResponseText.errorMessage(ResponseText.body(response));
        }
        catch (IOException e) {
            message = null;
        }
        String described = "the token endpoint answered HTTP " + status + (message == null ? "" : ": " + message);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new PartnerCenterException.CredentialsRejected(status, "Entra ID refused the credentials ("
                    + described + ")");
        }
        return new PartnerCenterException.Transient(status, described, ResponseText.retryAfter(response), null);
    }
}
