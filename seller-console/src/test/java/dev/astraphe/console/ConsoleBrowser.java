package dev.astraphe.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser-like client against the running console: a cookie jar, the CSRF token read from the page,
 * redirects not followed, and forwards and error pages done by the real server (MockMvc does neither).
 */
public final class ConsoleBrowser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public ConsoleBrowser(int port) {
        this.port = port;
    }

    /** A page of the console, {@code path} after its context path. */
    public HttpResponse<String> fetch(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + ConsoleIntegrationTest.CONTEXT + path))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> login(String email, String password) throws Exception {
        Matcher csrf = CSRF.matcher(fetch("/login").body());
        assertThat(csrf.find()).as("CSRF field on the login page").isTrue();
        String form = "username=" + enc(email) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + ConsoleIntegrationTest.CONTEXT + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
