package dev.astraphe.shared.web;

import jakarta.validation.constraints.NotBlank;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where each app lives, as seen by a browser. Links between apps are built from these, so the same
 * build works on separate ports locally and behind one origin in production.
 */
@Validated
@ConfigurationProperties("astraphe.links")
public record AppLinks(@NotBlank String storefront, @NotBlank String queue, @NotBlank String console) {

    public AppLinks {
        storefront = trimSlash(storefront == null ? "http://localhost:8080" : storefront);
        queue = trimSlash(queue == null ? "http://localhost:8081/queue" : queue);
        console = trimSlash(console == null ? "http://localhost:8082/console" : console);
    }

    public String storefront(String path) {
        return storefront + path;
    }

    public String queue(String path) {
        return queue + path;
    }

    public String console(String path) {
        return console + path;
    }

    /** The storefront login page, returning to {@code continueTo} (already validated by the caller). */
    public String login(String continueTo) {
        return storefront("/login") + (continueTo == null ? "" : "?continue=" + java.net.URLEncoder.encode(continueTo, StandardCharsets.UTF_8));
    }

    /**
     * Accepts {@code target} only if it stays inside Astraphe: a path on this origin
     * ({@code /x}, not {@code //host} or {@code /\host}), or an absolute URL on one of the three
     * configured apps' origins. Anything else falls back, so {@code continue} is never an open redirect.
     * A logout address falls back too: signing out is never where a login was meant to lead (its address, opened as a
     * page, only asks whether to sign out again).
     */
    public String safeContinue(String target, String fallback) {
        if (target == null || target.isBlank() || target.length() > 2048) {
            return fallback;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return fallback;
            }
        }
        if (target.startsWith("/")) {
            return target.startsWith("//") || isLogout(target) ? fallback : target;
        }
        try {
            URI uri = URI.create(target);
            if (uri.getScheme() == null || uri.getRawUserInfo() != null || isLogout(uri.getRawPath())) {
                return fallback;
            }
            String origin = origin(uri);
            for (String app : new String[] {storefront, queue, console}) {
                if (origin.equals(origin(URI.create(app)))) {
                    return target;
                }
            }
        } catch (IllegalArgumentException e) {
            return fallback;
        }
        return fallback;
    }

    /**
     * Whether {@code path} (with or without its query) names a logout, as the server would read it: percent-escapes
     * decoded, {@code ;parameters} dropped, dot segments resolved, trailing slashes ignored.
     */
    private static boolean isLogout(String path) {
        if (path == null) {
            return false;
        }
        int query = path.indexOf('?');
        int fragment = path.indexOf('#');
        int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        ArrayDeque<String> segments = new ArrayDeque<>();
        for (String segment : decode(end < 0 ? path : path.substring(0, end)).split("/")) {
            int parameters = segment.indexOf(';');
            String bare = parameters < 0 ? segment : segment.substring(0, parameters);
            if (bare.equals("..")) {
                segments.pollLast();
            } else if (!bare.isEmpty() && !bare.equals(".")) {
                segments.addLast(bare);
            }
        }
        return "logout".equals(segments.peekLast());
    }

    /** Percent-escapes decoded as UTF-8; a malformed one is kept as it is ({@code +} is not a space in a path). */
    private static String decode(String path) {
        if (path.indexOf('%') < 0) {
            return path;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            int hi = c == '%' && i + 2 < path.length() ? hex(path.charAt(i + 1)) : -1;
            int lo = hi >= 0 ? hex(path.charAt(i + 2)) : -1;
            if (lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An ASCII hex digit's value, else -1 (Character.digit would take fullwidth and other digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static String origin(URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        return (uri.getScheme() + "://" + uri.getHost() + ":" + port).toLowerCase(java.util.Locale.ROOT);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
