package dev.astraphe.shared.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AppLinksTest {

    private final AppLinks links = new AppLinks("http://localhost:8080", "http://localhost:8081/queue", "http://localhost:8082/console");

    @Test
    void aPathOrAnAddressOnOneOfTheAppsIsKeptAndAnythingElseFallsBack() {
        assertThat(links.safeContinue("/account?tab=addresses", "/")).isEqualTo("/account?tab=addresses");
        assertThat(links.safeContinue("http://localhost:8081/queue/p/7", "/")).isEqualTo("http://localhost:8081/queue/p/7");
        assertThat(links.safeContinue("//evil.example/x", "/")).isEqualTo("/");
        assertThat(links.safeContinue("/\\evil.example", "/")).isEqualTo("/");
        assertThat(links.safeContinue("https://evil.example/", "/")).isEqualTo("/");
        assertThat(links.safeContinue("http://localhost:8081@evil.example/", "/")).isEqualTo("/");
        assertThat(links.safeContinue("/a\nb", "/")).isEqualTo("/");
        assertThat(links.safeContinue(null, "/")).isEqualTo("/");
    }

    /** Signing out is never where a login was meant to lead. */
    @Test
    void aLogoutFallsBackHoweverItIsWritten() {
        for (String logout : new String[] {"/logout", "/logout/", "/logout?x=1", "/logout#top", "/logout;jsessionid=1",
                "/%6Cogout", "/%6c%6F%67%6f%75%74", "/logout/.", "/account/../logout", "/./logout",
                "http://localhost:8082/console/logout", "http://localhost:8082/console/logout;x", "http://localhost:8080/%6Cogout"}) {
            assertThat(links.safeContinue(logout, "/")).as(logout).isEqualTo("/");
        }
        // a logout in the query, or a segment that only starts with it, is somewhere else
        assertThat(links.safeContinue("/account?from=/logout", "/")).isEqualTo("/account?from=/logout");
        assertThat(links.safeContinue("/logouts", "/")).isEqualTo("/logouts");
        assertThat(links.safeContinue("/logout/help", "/")).isEqualTo("/logout/help");
        assertThat(links.safeContinue("/products/%ED%95%9C", "/")).isEqualTo("/products/%ED%95%9C");
        // malformed escapes are kept as they are, never an exception; only ASCII hex digits are escapes
        for (String odd : new String[] {"/%", "/a%", "/%zz", "/%e0%80", "/%6", "/%\uff16\uff23ogout", "/" + "%".repeat(2000)}) {
            assertThat(links.safeContinue(odd, "/")).as(odd).isEqualTo(odd);
        }
        assertThat(links.safeContinue("/../../logout", "/")).isEqualTo("/");
    }
}
