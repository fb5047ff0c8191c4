/**
 * The database schema: migrated on purpose, by its owner, with {@code migrate}; checked, never changed, by every
 * other command. The application role has no DDL rights, so an upgrade can never half-apply itself from a nightly
 * run, and the owner's credentials never sit beside the job's.
 */
package com.reportresumer.schema;
