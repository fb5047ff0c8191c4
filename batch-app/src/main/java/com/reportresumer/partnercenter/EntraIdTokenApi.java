package com.reportresumer.partnercenter;

import org.springframework.cloud.openfeign.FeignClient;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;

/** The Microsoft Entra ID token endpoint ({@code resumer.partner-center.token-url}), v1 or v2.0. */
@FeignClient(name = "entra-id",
        url = "${resumer.partner-center.token-url:https://login.microsoftonline.com/${resumer.partner-center.tenant-id:common}/oauth2/token}",
        configuration = EntraIdFeignConfiguration.class)
interface EntraIdTokenApi {

    /** Posts an already form-encoded body; see {@link AccessTokens}. */
    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    TokenResponse requestToken(@RequestBody String formBody);

    /**
     * The token endpoint's answer. The v1 endpoint sends {@code expires_in} as a string, v2.0 as a number; both
     * bind to {@code Long}.
     */
    record TokenResponse(String token_type, String access_token, Long expires_in) {

        @Override
        public String toString() {
            return "TokenResponse[token_type=" + token_type + ", access_token=[redacted], expires_in=" + expires_in + "]";
        }
    }
}
