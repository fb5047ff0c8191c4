package com.reportresumer.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import com.reportresumer.text.UntrustedText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@link Secrets}: a registered value is redacted in each form it could be printed in. The registry is process-wide,
 * so every value here is unique to this class and never printed by any other test.
 */
@UnitTest
class SecretsTest {

    private static String unique(String shape) {
        return shape.replace("ID", UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void aValueIsRedactedAsItIsFormEncodedAndJsonEscaped() {
        String secret = unique("s3cr/et\"ID& =+\\x");
        Secrets.register(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        String json = secret.replace("\\", "\\\\").replace("/", "\\/").replace("\"", "\\\"");
        assertThat(form).isNotEqualTo(secret);
        assertThat(json).isNotEqualTo(secret);

        assertThat(Secrets.redact("secret=" + secret + ";")).isEqualTo("secret=[redacted];");
        assertThat(Secrets.redact("client_secret=" + form + "&grant_type=x"))
                .isEqualTo("client_secret=[redacted]&grant_type=x");
        assertThat(Secrets.redact("{\"access_token\":\"" + json + "\"}")).isEqualTo("{\"access_token\":\"[redacted]\"}");
        assertThat(Secrets.appearIn(form)).isTrue();
        assertThat(Secrets.appearIn(json)).isTrue();
    }

    @Test
    void aValueWithWhitespaceAroundIsRedactedStrippedToo() {
        String secret = unique("  padded-ID \n");
        Secrets.register(secret);
        assertThat(Secrets.redact("[" + secret.strip() + "]")).isEqualTo("[[redacted]]");
        assertThat(Secrets.redact("[" + secret + "]")).isEqualTo("[[redacted]]");
    }

    @Test
    void theLongestSecretIsRedactedFirst() {
        String shorter = unique("tokID");
        String longer = shorter + "-refresh";
        Secrets.register(shorter);
        Secrets.register(longer);
        assertThat(Secrets.redact("a " + longer + " b " + shorter)).isEqualTo("a [redacted] b [redacted]");
    }

    @Test
    void nullBlankAndTooShortValuesAreNotRegistered() {
        Secrets.register(null);
        Secrets.register("");
        Secrets.register("   \t");
        Secrets.register("q7z");
        assertThat(Secrets.redact("q7z ok   \t")).isEqualTo("q7z ok   \t");
        assertThat(Secrets.appearIn("q7z")).isFalse();
        assertThat(Secrets.redact(null)).isNull();
        assertThat(Secrets.appearIn(null)).isFalse();
    }

    @Test
    void textWithoutASecretIsUnchanged() {
        Secrets.register(unique("other-ID"));
        String text = "INFO resumed 3f25a0c1-7b2e-4d3a-9c1f-0123456789ab in 12 ms";
        assertThat(Secrets.redact(text)).isSameAs(text);
        assertThat(Secrets.appearIn(text)).isFalse();
    }

    /** One line of text from outside: a secret that straddles the cut to length leaves no start of itself behind. */
    @Test
    void aSecretAtTheCutIsRedactedBeforeTheTextIsCut() {
        String secret = unique("ID-straddling-the-cut");
        Secrets.register(secret);
        String text = "x".repeat(UntrustedText.MAX_MESSAGE - 5) + secret + " and more";

        String line = Secrets.oneLine(text);

        assertThat(line).hasSizeLessThanOrEqualTo(UntrustedText.MAX_MESSAGE).doesNotContain(secret.substring(0, 4));
        assertThat(UntrustedText.oneLine(text)).as("cut first, as before").contains(secret.substring(0, 4));
    }
}
