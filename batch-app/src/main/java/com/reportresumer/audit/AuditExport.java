package com.reportresumer.audit;

import com.reportresumer.text.RowFormats;
import java.io.PrintWriter;

/**
 * The audit trail as CSV or JSON: {@code audit --format csv|json} and the console's {@code /audit.csv} and
 * {@code /audit.json}, one implementation so that both give the same bytes for the same filters. The rows go from the
 * database to {@link RowFormats}' writer one at a time ({@link AuditTrail#forEach}): an export of the whole trail
 * holds a fetch of rows in memory, and its first bytes leave before its last row is read.
 */
public enum AuditExport {
    CSV, JSON;

    /** Writes the rows of {@code query} to {@code out}; returns how many, and whether the limit left some out. */
    public AuditTrail.Handed write(AuditTrail trail, AuditQuery query, PrintWriter out) {
        RowFormats.RowWriter writer = this == CSV ? RowFormats.csv(AuditRow.class, out) : RowFormats.json(out);
        AuditTrail.Handed handed = trail.forEach(query, writer::write);
        writer.close(); // not after a failure: a document cut short is not to look whole
        out.flush();
        return handed;
    }
}
