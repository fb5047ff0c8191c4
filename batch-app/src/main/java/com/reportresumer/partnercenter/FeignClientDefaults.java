package com.reportresumer.partnercenter;

import feign.Request;
import feign.Retryer;
import org.springframework.context.annotation.Bean;

/**
 * What both Feign clients share, each in its own client context: Feign never retries (retries live in one place,
 * {@code TransientRetry}, so no layer multiplies another's tries), and every call waits as long as
 * {@code resumer.partner-center} says.
 */
abstract class FeignClientDefaults {

    @Bean
    Retryer neverRetry() {
        return Retryer.NEVER_RETRY;
    }

    @Bean
    Request.Options configuredTimeouts(PartnerCenterProperties properties) {
        return properties.requestOptions();
    }
}
