package com.reportresumer.sandbox;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where an API call goes, parsed once from its method and the path below the API prefix, before any check: the
 * counters need the route (resume, pause) and the report id even of calls that are then refused, and the request
 * journal tells a resume call the same way.
 *
 * @param idText the report id as it appears in the path (URL-decoded), or null for routes without one
 */
record ApiRoute(Kind kind, String idText) {

    enum Kind { LIST, RESUME, PAUSE, EXECUTION, UNKNOWN, NOT_ALLOWED }

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Routes {@code method} on {@code subPath}, the raw path after the API prefix (e.g. {@code /ScheduledReport}). */
    static ApiRoute of(String method, String subPath) {
        String[] parts = subPath.split("/", -1); // "", "ScheduledReport", ...
        if (parts.length < 2 || !parts[1].equalsIgnoreCase("ScheduledReport")) {
            return new ApiRoute(Kind.UNKNOWN, null);
        }
        if (parts.length == 2 || (parts.length == 3 && parts[2].isEmpty())) {
            return method.equals("GET") ? new ApiRoute(Kind.LIST, null) : new ApiRoute(Kind.NOT_ALLOWED, null);
        }
        if (parts.length == 4 && !parts[3].isEmpty()) {
            String id = Forms.decode(parts[3]);
            switch (parts[2].toLowerCase(Locale.ROOT)) {
                case "resume":
                    return only("PUT", method, Kind.RESUME, id);
                case "pause":
                    return only("PUT", method, Kind.PAUSE, id);
                case "execution":
                    return only("GET", method, Kind.EXECUTION, id);
                default:
                    return new ApiRoute(Kind.UNKNOWN, null);
            }
        }
        return new ApiRoute(Kind.UNKNOWN, null);
    }

    private static ApiRoute only(String allowed, String method, Kind kind, String id) {
        return method.equals(allowed) ? new ApiRoute(kind, id) : new ApiRoute(Kind.NOT_ALLOWED, null);
    }

    /** The report id of the path if it is a canonical UUID, else null. */
    UUID id() {
        return idText != null ? parseId(idText) : null;
    }

    /** A canonical UUID (any case), else null. */
    static UUID parseId(String text) {
        return UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }
}
