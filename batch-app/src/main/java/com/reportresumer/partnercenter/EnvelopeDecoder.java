package com.reportresumer.partnercenter;

import feign.Request;
import feign.Response;
import feign.codec.Decoder;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Decodes a 2xx answer into an {@link ApiResponse}; a body that is not the envelope, or larger than any envelope
 * should be ({@link ResponseText#answer}), is a transient failure.
 */
class EnvelopeDecoder implements Decoder {

    @Override
    public Object decode(Response response, Type type) throws IOException {
        if (type != ApiResponse.class) {
            throw new IllegalStateException("EnvelopeDecoder only decodes ApiResponse, not " + type);
        }
        // the listing is the one GET: its pages may be big; a resume answer is small
        int limit = response.request().httpMethod() == Request.HttpMethod.GET ? ResponseText.MAX_LISTING_PAGE
                : ResponseText.MAX_ANSWER_BODY;
        byte[] body = ResponseText.boundedAnswer(response, limit, "");
        ReportEnvelope envelope;
        try {
            envelope = body.length == 0 ? null : EnvelopeReader.read(body);
        }
        catch (RuntimeException unreadable) { // EnvelopeReader.NotAnEnvelopeException, or anything a body could provoke
            envelope = null;
        }
        if (envelope == null) {
            throw new PartnerCenterException.Transient(response.status(),
                    "HTTP " + response.status() + " with an unreadable answer: "
                            + (body.length == 0 ? "empty body" : ResponseText.errorMessage(body)),
                    null, null);
        }
        return new ApiResponse(response.status(), envelope);
    }
}
