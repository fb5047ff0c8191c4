/**
 * Text that comes from outside — API answers, report IDs typed by people, file contents — is made one safe line
 * here before it reaches the audit trail or a terminal: no control characters (C0, C1), no bidi overrides or
 * isolates, no line separators, bounded in length.
 */
package com.reportresumer.text;
