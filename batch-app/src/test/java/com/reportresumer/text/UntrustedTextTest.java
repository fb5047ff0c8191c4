package com.reportresumer.text;

import static org.assertj.core.api.Assertions.assertThat;

import com.reportresumer.testsupport.UnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link UntrustedText}: no character a terminal or an editor acts on survives either method. */
@UnitTest
class UntrustedTextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = { "0000", "0007", "0008", "0009", "000A", "000D", "001B", "007F", "0085", "009B", "00AD",
            "200B", "200E", "202A", "202E", "2028", "2029", "2066", "2069", "FEFF", "D800", "DFFF" })
    void anUnsafeCharacterIsASpaceInALineAndAQuestionMarkInAValue(String hex) {
        String unsafe = String.valueOf((char) Integer.parseInt(hex, 16));
        assertThat(UntrustedText.oneLine("a" + unsafe + "b")).isEqualTo("a b");
        assertThat(UntrustedText.printable("a" + unsafe + "b")).isEqualTo("a?b");
    }

    @Test
    void aRunOfUnsafeCharactersIsOneSpaceAndTheEndsAreStripped() {
        assertThat(UntrustedText.oneLine("\r\n  HTTP 500:\r\n\t\u001B[2J\u202Eboom \u2028")).isEqualTo("HTTP 500: [2J boom");
        assertThat(UntrustedText.printable("a\r\nb")).isEqualTo("a??b");
    }

    @Test
    void printableTextIsKeptAsItIs() {
        String text = "Réport «ß» 報告 😀 - 3f25a0c1";
        assertThat(UntrustedText.oneLine(text)).isEqualTo(text);
        assertThat(UntrustedText.printable(text)).isEqualTo(text);
        assertThat(UntrustedText.printable("  padded  ")).isEqualTo("  padded  ");
    }

    @Test
    void nullStaysNull() {
        assertThat(UntrustedText.oneLine(null)).isNull();
        assertThat(UntrustedText.printable(null)).isNull();
    }

    @Test
    void aLineIsAtMostFiveHundredCharactersAndSaysItWasCut() {
        String exactly = "x".repeat(UntrustedText.MAX_MESSAGE);
        assertThat(UntrustedText.oneLine(exactly)).isEqualTo(exactly);
        String longer = "y".repeat(UntrustedText.MAX_MESSAGE + 1);
        assertThat(UntrustedText.oneLine(longer)).hasSize(UntrustedText.MAX_MESSAGE)
                .isEqualTo("y".repeat(UntrustedText.MAX_MESSAGE - 1) + "…");
        // the limit applies after cleaning: 600 characters of which 200 are controls is one run
        assertThat(UntrustedText.oneLine("z".repeat(400) + "\n".repeat(200) + "w")).hasSize(402);
    }

    @Test
    void printableKeepsTheLength() {
        String raw = "\u001B".repeat(1000);
        assertThat(UntrustedText.printable(raw)).isEqualTo("?".repeat(1000));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String message = "a".repeat(498) + "\uD83D\uDE00" + "b".repeat(10);
        String line = UntrustedText.oneLine(message);
        assertThat(line).endsWith("a…").hasSizeLessThanOrEqualTo(UntrustedText.MAX_MESSAGE);
        assertThat(line.chars().filter(c -> Character.isSurrogate((char) c)).count()).isZero();
    }

    @Test
    void cutKeepsAPairWholeOrDropsIt() {
        assertThat(UntrustedText.cut("ab\uD83D\uDE00", 3)).isEqualTo("ab");
        assertThat(UntrustedText.cut("ab\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00");
    }

    /**
     * The one-pass check that lets clean text through without the pattern's replacement agrees with the pattern on
     * every code point, lone surrogates included: what {@code printable} marks is exactly what the pattern matches.
     */
    @Test
    void theFastPathAgreesWithThePatternOnEveryCodePoint() {
        java.util.regex.Pattern unsafe = java.util.regex.Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]");
        for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
            String text = "a" + new String(Character.toChars(c)) + "b";
            String expected = unsafe.matcher(text).replaceAll("?");
            String actual = UntrustedText.printable(text);
            if (!expected.equals(actual)) {
                throw new AssertionError(String.format("U+%04X: printable gave %s, the pattern %s", c,
                        actual.codePoints().mapToObj(Integer::toHexString).toList(),
                        expected.codePoints().mapToObj(Integer::toHexString).toList()));
            }
        }
    }
}
