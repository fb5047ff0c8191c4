/**
 * How the application reaches other servers: a bearer token, a client secret or a webhook's key never crosses a
 * network in clear text ({@link com.reportresumer.transport.PlainHttp}).
 */
package com.reportresumer.transport;
