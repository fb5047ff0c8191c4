package com.reportresumer.transport;

import com.reportresumer.partnercenter.InvalidConfigurationException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for every URL the application sends something to (the API and its token endpoint, the webhook, an
 * OpenID provider) and for the console's requests without sign-in: https, or plain http to a loopback address only,
 * decided from the text of the host, never by resolving it.
 */
public final class PlainHttp {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private PlainHttp() {
    }

    /**
     * {@code url} uses https, or plain http to a loopback host ({@link #isLoopback}).
     *
     * @param property what the message names
     * @param showHost whether the message may quote the host (not where the URL is itself a secret)
     * @throws InvalidConfigurationException saying which rule it breaks
     */
    public static void requireHttpsOrLoopback(String property, URI url, boolean showHost) {
        String scheme = url.getScheme();
        if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme) && isLoopback(url.getHost())) {
            return;
        }
        throw new InvalidConfigurationException("http".equalsIgnoreCase(scheme)
                ? property + " uses plain http to a host that is not loopback" + (showHost ? " (" + url.getHost() + ")"
                        : "") + ": use https (plain http is only for localhost, 127.x.x.x and [::1])"
                : property + " must use https (was '" + scheme + "')");
    }

    /**
     * {@code localhost}, a dotted-quad literal in 127.0.0.0/8, or the IPv6 literal {@code [::1]}. Nothing else, and
     * never a name to resolve: a resolver may say that any name (say {@code cafe}, which looks like hex) is
     * loopback.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            try {
                // a bracketed host is an IPv6 literal: the JDK parses it and never resolves it
                InetAddress address = InetAddress.getByName(host);
                return address instanceof Inet6Address && address.isLoopbackAddress();
            }
            catch (UnknownHostException notALiteral) {
                return false;
            }
        }
        Matcher quad = IPV4_LOOPBACK.matcher(host);
        if (!quad.matches()) {
            return false;
        }
        for (int i = 1; i <= 3; i++) {
            if (Integer.parseInt(quad.group(i)) > 255) {
                return false;
            }
        }
        return true;
    }
}
