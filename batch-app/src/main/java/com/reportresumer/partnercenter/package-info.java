/**
 * The Partner Center and Entra ID clients: Feign over one pooled Apache HttpClient 5, neither of which retries on
 * its own. Every failure becomes a {@link com.reportresumer.partnercenter.PartnerCenterException}, sorted by what
 * the caller should do (permanent, transient, credentials rejected); answer bodies are read up to a cap and never
 * echoed beyond what is safe to store. Only a parsed UUID is ever put into a URL, and a bearer token never crosses a
 * network in clear text (https, or plain http to a literal loopback address).
 */
package com.reportresumer.partnercenter;
