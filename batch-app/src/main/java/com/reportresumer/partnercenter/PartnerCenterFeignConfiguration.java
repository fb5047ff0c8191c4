package com.reportresumer.partnercenter;

import feign.Request;
import feign.Retryer;
import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings of the Partner Center client only (deliberately not a scanned {@code @Configuration}, which would
 * apply to every client). Feign never retries: retries live in one place, the job's {@code RetryingResumer}.
 */
class PartnerCenterFeignConfiguration {

    @Bean
    Decoder partnerCenterDecoder() {
        return new EnvelopeDecoder();
    }

    @Bean
    ErrorDecoder partnerCenterErrorDecoder() {
        return new PartnerCenterErrorDecoder();
    }

    @Bean
    feign.Logger partnerCenterLogger() {
        return new RedactingFeignLogger(PartnerCenterApi.class, false);
    }

    @Bean
    Retryer partnerCenterRetryer() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    Request.Options partnerCenterOptions(PartnerCenterProperties properties) {
        return properties.requestOptions();
    }
}
