package dev.astraphe.stack.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser: one cookie jar for every app (cookies are not port-scoped, so the shared
 * SESSION cookie travels between the three localhost ports as it would on one origin) and no
 * automatic redirects, so each hop can be asserted.
 */
final class Browser {

    private static final Pattern CSRF_VALUE_AFTER = Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");
    private static final Pattern CSRF_VALUE_BEFORE = Pattern.compile("(?:value|content)=\"([^\"]+)\"[^>]*?name=\"_csrf\"");

    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpResponse<String> get(String url) {
        return get(url, "text/html");
    }

    HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).GET());
    }

    HttpResponse<String> post(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The value of the cookie called {@code name}, which the test must know is there. */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + cookies.getCookieStore().getCookies()));
    }

    /** Puts back a cookie as the apps set it (host-only, path /), in place of any of the same name. */
    void setCookie(String name, String value, String url) {
        CookieStore store = cookies.getCookieStore();
        store.getCookies().stream().filter(c -> c.getName().equals(name)).toList().forEach(c -> store.remove(null, c));
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        store.add(URI.create(url), cookie);
    }

    /** The CSRF token a page carries, in a hidden form field or the htmx meta tag. */
    static String csrfToken(HttpResponse<String> page) {
        for (Pattern pattern : new Pattern[] {CSRF_VALUE_AFTER, CSRF_VALUE_BEFORE}) {
            Matcher m = pattern.matcher(page.body());
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("no _csrf token on " + page.uri() + ":\n" + page.body());
    }

    /** The absolute target of a redirect, resolved against the request URL. */
    static String location(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> new AssertionError(response.uri() + " answered " + response.statusCode() + " without a Location"));
        return response.uri().resolve(location).toString();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
