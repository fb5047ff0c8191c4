package com.reportresumer.partnercenter;

import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pooled Apache HttpClient 5 under both Feign clients (pool size: {@code spring.cloud.openfeign.httpclient.*}).
 * Its own retries are off: by default it silently repeats 429 and 503 answers after a second, which would hide
 * {@code Retry-After} from our back-off and multiply calls behind the job's back. No content compression either: the
 * answers are a few hundred bytes, and asking for ten encodings on every call, then wrapping every answer to maybe
 * decode it, costs CPU per call for nothing. No cookies, no cached authentication and no redirects (never followed:
 * {@code spring.cloud.openfeign.httpclient.follow-redirects=false}): nothing is carried from one call to the next but
 * the pooled connection, and each call skips those steps.
 */
@Configuration(proxyBeanMethods = false)
class PartnerCenterHttpConfiguration {

    @Bean
    HttpClientBuilderCustomizer noAutomaticRetriesNorCompression() {
        return builder -> builder.disableAutomaticRetries().disableContentCompression().disableCookieManagement()
                .disableAuthCaching().disableRedirectHandling();
    }
}
