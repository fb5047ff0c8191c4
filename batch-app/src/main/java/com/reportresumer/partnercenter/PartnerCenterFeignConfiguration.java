package com.reportresumer.partnercenter;

import feign.codec.Decoder;
import feign.codec.ErrorDecoder;
import org.springframework.context.annotation.Bean;

/**
 * Feign settings of the Partner Center client only (deliberately not a scanned {@code @Configuration}, which would
 * apply to every client). Feign never retries ({@link FeignClientDefaults}).
 */
class PartnerCenterFeignConfiguration extends FeignClientDefaults {

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
}
