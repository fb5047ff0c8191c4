package com.reportresumer.partnercenter;

/** A successful (2xx) answer with a readable envelope. */
public record ApiResponse(int httpStatus, ReportEnvelope envelope) {
}
