package com.reportresumer.sandbox;

/** {@code ReportStatus} of a scheduled report, spelled on the wire as {@link #apiName()}. */
public enum ReportStatus {
    PAUSED("Paused"),
    ACTIVE("Active"),
    INACTIVE("Inactive");

    private final String apiName;

    ReportStatus(String apiName) {
        this.apiName = apiName;
    }

    /** The spelling the API uses: {@code Paused}, {@code Active}, {@code Inactive}. */
    public String apiName() {
        return apiName;
    }

    /** Parses the API spelling (any case). */
    public static ReportStatus parse(String text) {
        for (ReportStatus s : values()) {
            if (s.apiName.equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("report status must be Paused, Active or Inactive, not '" + text + "'");
    }

    @Override
    public String toString() {
        return apiName;
    }
}
