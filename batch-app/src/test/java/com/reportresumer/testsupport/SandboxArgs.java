package com.reportresumer.testsupport;

import com.reportresumer.sandbox.Sandbox;
import com.reportresumer.sandbox.SandboxOptions;
import java.util.List;

/** The properties that point the application at a running sandbox, with its client credentials. */
public final class SandboxArgs {

    private SandboxArgs() {
    }

    public static List<String> of(Sandbox sandbox) {
        SandboxOptions o = sandbox.options();
        return List.of("--resumer.partner-center.base-url=" + sandbox.baseUrl(),
                "--resumer.partner-center.token-url=" + sandbox.tokenUrl(),
                "--resumer.partner-center.client-id=" + o.clientId(),
                EnvVar.of("RESUMER_PARTNERCENTER_CLIENTSECRET", o.clientSecret()));
    }
}
