/**
 * Flagging: how a report becomes a {@code PENDING} request for the next run, from the command line, a file, or the
 * tenant's own listing of paused reports. The database has the last word on what a request is (one pending request
 * per report, whatever the spelling of its ID; a new request is always plain), so that flags added with plain SQL
 * by another tool obey the same rules as ours.
 */
package com.reportresumer.flag;
