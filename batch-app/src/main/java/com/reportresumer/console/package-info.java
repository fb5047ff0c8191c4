/**
 * The ops console: server-rendered pages (Thymeleaf, every asset served by the application) over the same queries
 * as the command line ({@code runs}, {@code audit}, {@code pending}), served by {@code console} and {@code schedule}
 * on {@code server.port}. Sign-in with users from the configuration (BCrypt hashes) or with an OpenID provider
 * (Entra ID); a viewer reads, an operator may also act. Every action goes through the code of its command (and the
 * run lock) and is recorded, who and what, in the append-only {@code console_action}.
 */
package com.reportresumer.console;
