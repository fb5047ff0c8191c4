package com.reportresumer.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.EnvVar;
import com.reportresumer.testsupport.ResumerEnvironment;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import oidcprovider.OidcProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sign-in with an OpenID provider, as with Entra ID: a real Spring Authorization Server on loopback, the console
 * configured with Spring Security's OAuth2 client (issuer discovery, authorization code flow, ID token checked) and
 * roles from the {@code roles} claim. No user of the console's own configuration.
 */
class ConsoleOidcTest {

    @RegisterExtension
    static final ResumerEnvironment env = new ResumerEnvironment();

    static OidcProvider provider;
    static RunningConsole console;

    @BeforeAll
    static void providerThenConsole() throws Exception {
        int consolePort = RunningConsole.freePort();
        int providerPort = RunningConsole.freePort();
        Path tomcat = Files.createDirectories(Path.of("target", "oidc-provider-tomcat").toAbsolutePath());
        provider = env.closedAfter(OidcProvider.start(providerPort,
                "http://127.0.0.1:" + consolePort + "/login/oauth2/code/entra", tomcat.toString()));
        String registration = "--spring.security.oauth2.client.registration.entra.";
        console = env.closedAfter(RunningConsole.start(env, consolePort,
                "--spring.security.oauth2.client.provider.entra.issuer-uri=" + provider.issuer(),
                registration + "client-id=" + OidcProvider.CLIENT_ID,
                registration + "client-name=Entra ID",
                registration + "scope=openid,profile",
                // the client secret as in production: from the environment, never the command line
                EnvVar.of("SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ENTRA_CLIENTSECRET", OidcProvider.CLIENT_SECRET),
                "--resumer.console.oidc.roles-claim=roles",
                "--resumer.console.oidc.operators=ReportResumer.Operator",
                "--resumer.console.oidc.viewers=ReportResumer.Viewer"));
    }

    /** Through the provider's sign-in page and back; the console's page it lands on. */
    private static HttpResponse<String> signIn(Browserless person, String user) throws Exception {
        HttpResponse<String> login = person.get(console.url("/login"));
        assertThat(login.body()).contains("href=\"/oauth2/authorization/entra\"").contains("Sign in with Entra ID")
                .doesNotContain("name=\"password\""); // no user of the console's own
        HttpResponse<String> providerLogin = person.get(console.url("/oauth2/authorization/entra"));
        assertThat(providerLogin.uri().toString()).startsWith(provider.issuer() + "/login");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", OidcProvider.PASSWORD);
        form.put("_csrf", Browserless.csrf(providerLogin.body()));
        return person.post(provider.issuer() + "/login", form);
    }

    @Test
    void anOperatorOfTheProviderSignsInAndMayAct() throws Exception {
        Browserless alice = new Browserless(true);
        HttpResponse<String> home = signIn(alice, "alice");
        assertThat(home.statusCode()).as(home.body()).isEqualTo(200);
        assertThat(home.uri().toString()).isEqualTo(console.url("/"));
        assertThat(home.body()).contains("<h1>Runs</h1>")
                .contains("alice@contoso.test (" + provider.issuer() + ") · operator");
        assertThat(alice.get(console.url("/actions/rerun-failed")).statusCode()).isEqualTo(200);
    }

    @Test
    void aViewerOfTheProviderReadsAndIsRefusedActions() throws Exception {
        Browserless bob = new Browserless(true);
        HttpResponse<String> home = signIn(bob, "bob");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("bob@contoso.test (" + provider.issuer() + ") · viewer");
        assertThat(bob.get(console.url("/audit")).statusCode()).isEqualTo(200);
        HttpResponse<String> post = bob.post(console.url("/actions/rerun-failed"),
                Map.of("_csrf", Browserless.csrf(home.body())));
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(env.requests().count("SELECT count(*) FROM console_action")).isZero();
    }

    @Test
    void someoneTheClaimGivesNoRoleSeesNothing() throws Exception {
        Browserless carol = new Browserless(true);
        HttpResponse<String> landed = signIn(carol, "carol");
        assertThat(landed.statusCode()).isEqualTo(403);
        assertThat(carol.get(console.url("/audit.csv")).statusCode()).isEqualTo(403);
    }
}
