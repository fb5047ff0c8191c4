/**
 * Flagging: how a report becomes a {@code PENDING} request for the next run, from the command line, a file, or the
 * tenant's own listing of paused reports (also as a dry run that flags nothing); the queue of those requests; and
 * the withdrawal of a flag before a run takes it ({@code WITHDRAWN}, never a delete). The database has the last word
 * on what a request is (one pending request per report, whatever the spelling of its ID; a new request is always
 * plain; only a pending one is withdrawn, and the withdrawal is stamped once), so that flags added or withdrawn with
 * plain SQL by another tool obey the same rules as ours.
 */
package com.reportresumer.flag;
