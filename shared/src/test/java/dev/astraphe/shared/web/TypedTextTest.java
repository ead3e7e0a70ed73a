package dev.astraphe.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedTextTest {

    @Test
    void controlCharactersAndDirectionOverridesGoTabsLineBreaksAndEverythingElseStay() {
        assertThat(TypedText.clean("a\u0000b\u0007c\u007fd\u0085e")).isEqualTo("abcde");
        assertThat(TypedText.clean("\u202eabc\u2066d\u2069")).isEqualTo("abcd");
        assertThat(TypedText.clean("줄\n바꿈\r\n탭\t")).isEqualTo("줄\n바꿈\r\n탭\t");
        // emoji sequences (zero-width joiners) and other scripts are text
        assertThat(TypedText.clean("👩‍💻 عربى 日本")).isEqualTo("👩‍💻 عربى 日本");
        String unchanged = "plain";
        assertThat(TypedText.clean(unchanged)).isSameAs(unchanged);
        assertThat(TypedText.clean(null)).isNull();
    }
}
