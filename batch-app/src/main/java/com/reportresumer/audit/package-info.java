/**
 * Reading the audit trail: the queries behind {@code audit}, {@code runs} and the demo's summary, over the
 * append-only {@code resume_audit} and its views, and {@code rerun-failed}'s re-flagging of the reports whose latest
 * outcome is {@code FAILED}. Audit rows themselves are written by the job's {@code AuditWriter} alone.
 */
package com.reportresumer.audit;
