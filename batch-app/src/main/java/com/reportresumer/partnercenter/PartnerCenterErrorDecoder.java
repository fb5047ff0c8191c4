package com.reportresumer.partnercenter;

import feign.Response;
import feign.codec.ErrorDecoder;
import java.io.IOException;
import tools.jackson.databind.JsonNode;

/**
 * Sorts non-2xx answers: 401 → {@link PartnerCenterException.Unauthorized}; 408, 429 and 5xx →
 * {@link PartnerCenterException.Transient} (with {@code Retry-After}); other 4xx →
 * {@link PartnerCenterException.Permanent}; anything else (1xx, 3xx) → transient.
 */
class PartnerCenterErrorDecoder implements ErrorDecoder {

    @Override
    public Exception decode(String methodKey, Response response) {
        int status = response.status();
        byte[] body;
        try {
            body = ResponseText.body(response);
        }
        catch (IOException e) {
            body = new byte[0];
        }
        String message = ResponseText.errorMessage(body);
        String described = "HTTP " + status + (message == null ? "" : ": " + message);
        if (status == 401) {
            return new PartnerCenterException.Unauthorized(described);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new PartnerCenterException.Transient(status, described, ResponseText.retryAfter(response), null);
        }
        if (status >= 400) {
            return new PartnerCenterException.Permanent(status, apiStatusCode(body), message);
        }
        return new PartnerCenterException.Transient(status, "unexpected " + described, null, null);
    }

    private static Integer apiStatusCode(byte[] body) {
        try {
            JsonNode json = PartnerCenterJson.MAPPER.readTree(body);
            JsonNode code = json.has("StatusCode") ? json.get("StatusCode") : json.get("statusCode");
            return code != null && code.canConvertToInt() ? code.asInt() : null;
        }
        catch (RuntimeException notJson) {
            return null;
        }
    }
}
