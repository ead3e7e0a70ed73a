package dev.astraphe.shared.web;

import java.beans.PropertyEditorSupport;
import java.text.Normalizer;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Text a person sent, as every form and parameter binds it: without control characters (tab and line breaks kept),
 * which nobody types and PostgreSQL refuses to store (a NUL in a name was a 500), without the bidirectional
 * overrides, isolates and marks that make a name display as something else than it is (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C), and without the characters that show as nothing at all, with which
 * "상점" and "상\u200B점" look the same on every page (zero-width space U+200B, word joiner and invisible operators
 * U+2060–U+2064, U+FEFF, soft hyphen U+00AD, U+180E, the combining grapheme joiner U+034F, and the Hangul fillers
 * U+115F, U+1160, U+3164 and U+FFA0, the usual way to a blank-looking name on Korean sites). The zero-width joiner and
 * non-joiner stay: emoji sequences, Persian and the Indic scripts are written with them. What is left is composed
 * (NFC), so a name typed as separate Hangul letters (ᄒ ᅡ ᆫ) is the same text as one typed in syllables (한).
 * Letters of other scripts that look alike (Latin a, Cyrillic а) stay different: that is for a person to judge.
 *
 * <p>Passwords are bound so too, and a login checks the password cleaned the same way
 * ({@link dev.astraphe.shared.security.ThrottledAuthenticationProvider}), so one typed with such a character works.
 */
@ControllerAdvice
public class TypedText {

    @InitBinder
    void bindText(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(clean(text));
            }
        });
    }

    /** {@code text} without the characters above, composed; the same string if it had none and was. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unwanted(c)) {
                if (kept == null) {
                    kept = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (kept != null) {
                kept.append(c);
            }
        }
        String left = kept == null ? text : kept.toString();
        return Normalizer.isNormalized(left, Normalizer.Form.NFC) ? left : Normalizer.normalize(left, Normalizer.Form.NFC);
    }

    private static boolean unwanted(char c) {
        boolean control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
        boolean bidi = (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e' || c == '\u200f' || c == '\u061c';
        boolean invisible = c == '\u200b' || (c >= '\u2060' && c <= '\u2064') || c == '\ufeff' || c == '\u00ad'
                || c == '\u180e' || c == '\u034f';
        boolean hangulFiller = c == '\u115f' || c == '\u1160' || c == '\u3164' || c == '\uffa0';
        return control || bidi || invisible || hangulFiller;
    }
}
