package com.reportresumer.partnercenter;

import org.springframework.cloud.openfeign.clientconfig.HttpClient5FeignConfiguration.HttpClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pooled Apache HttpClient 5 under both Feign clients (pool size: {@code spring.cloud.openfeign.httpclient.*}).
 * Its own retries are off: by default it silently repeats 429 and 503 answers after a second, which would hide
 * {@code Retry-After} from our back-off and multiply calls behind the job's back.
 */
@Configuration(proxyBeanMethods = false)
class PartnerCenterHttpConfiguration {

    @Bean
    HttpClientBuilderCustomizer noAutomaticRetries() {
        return builder -> builder.disableAutomaticRetries();
    }
}
