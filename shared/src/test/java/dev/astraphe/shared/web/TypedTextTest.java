package dev.astraphe.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypedTextTest {

    @Test
    void controlCharactersDirectionOverridesAndInvisibleCharactersGoTabsLineBreaksAndEverythingElseStay() {
        assertThat(TypedText.clean("a\u0000b\u0007c\u007fd\u0085e")).isEqualTo("abcde");
        assertThat(TypedText.clean("\u202eabc\u2066d\u2069")).isEqualTo("abcd");
        assertThat(TypedText.clean("줄\n바꿈\r\n탭\t")).isEqualTo("줄\n바꿈\r\n탭\t");
        // characters that show as nothing: the same name to the eye, another to the database
        assertThat(TypedText.clean("상\u200B점\u2060\uFEFF\u00AD\u200E\u200F\u061C\u180E\u2064\u034F")).isEqualTo("상점");
        // a name of Hangul fillers only looks blank: it is empty, and the form says the name is missing
        assertThat(TypedText.clean("\u3164\u3164\uFFA0\u115F\u1160")).isEmpty();
        // separate Hangul letters compose into the syllable they show
        assertThat(TypedText.clean("\u1112\u1161\u11AB\uAE00")).isEqualTo("한글");
        String composed = "한글 상점";
        assertThat(TypedText.clean(composed)).isSameAs(composed);
        // emoji sequences (zero-width joiners), the non-joiner of Persian, and other scripts are text
        assertThat(TypedText.clean("👩‍💻 عربى 日本")).isEqualTo("👩‍💻 عربى 日本");
        assertThat(TypedText.clean("می\u200Cخواهم")).isEqualTo("می\u200Cخواهم");
        String unchanged = "plain";
        assertThat(TypedText.clean(unchanged)).isSameAs(unchanged);
        assertThat(TypedText.clean(null)).isNull();
    }
}
