package com.reportresumer.partnercenter;

import java.util.Map;
import java.util.UUID;
import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The Partner Center insights scheduled-report calls, as a Feign client. Only {@link PartnerCenterClient} uses it:
 * it adds the token, the one retry on 401, and turns Feign's failures into {@link PartnerCenterException}s.
 * Report IDs are {@link UUID}s, so no unvalidated text ever becomes part of a URL.
 */
@FeignClient(name = "partner-center",
        url = "${resumer.partner-center.base-url:https://api.partnercenter.microsoft.com}",
        path = "${resumer.partner-center.api-path:/insights/v1/mpn}",
        configuration = PartnerCenterFeignConfiguration.class)
interface PartnerCenterApi {

    @PutMapping(value = "/ScheduledReport/resume/{reportId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse resume(@PathVariable("reportId") UUID reportId,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization);

    /** One page of the tenant's reports; {@code query} carries the paging parameters of the previous page's link. */
    @GetMapping(value = "/ScheduledReport", consumes = MediaType.APPLICATION_JSON_VALUE)
    ApiResponse listReports(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestParam Map<String, String> query);
}
