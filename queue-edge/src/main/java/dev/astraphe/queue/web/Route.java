package dev.astraphe.queue.web;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.StringUtils;

/**
 * The hot routes: the requests the waiting room lives on (paths within the /queue base path). Each is told from a
 * request by its method and a look at its path, without pattern matching: their security chains are chosen this way
 * ({@code RouteMatcher}), they are answered this way ({@link HotRoutes}) and timed this way ({@link HotPathTiming}).
 */
public enum Route {
    PING(HttpMethod.GET, "/ping"), POLL(HttpMethod.GET, "/p/{productId}/poll"), JOIN(HttpMethod.POST, "/p/{productId}/join");

    final HttpMethod method;
    /** The path pattern the dispatcher's router function declares for it. */
    final String pattern;

    Route(HttpMethod method, String pattern) {
        this.method = method;
        this.pattern = pattern;
    }

    public String pattern() {
        return pattern;
    }

    /** The route a request takes, or null. */
    public static Route of(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        String path = request.getPath().pathWithinApplication().value();
        if (method == HttpMethod.GET) {
            if (path.equals("/ping")) {
                return PING;
            }
            return productAction(path, "/poll") ? POLL : null;
        }
        return method == HttpMethod.POST && productAction(path, "/join") ? JOIN : null;
    }

    /** {@code /p/<one segment>/<action>}, as {@code /p/{productId}/<action>} matches. */
    private static boolean productAction(String path, String action) {
        int end = path.length() - action.length();
        return end > 3 && path.startsWith("/p/") && path.endsWith(action) && path.indexOf('/', 3) == end;
    }

    /**
     * The {@code {productId}} of a poll's or join's path as the path pattern captures it: the segment without its
     * matrix variables, decoded (a malformed escape is left as it is; it is no product id either way).
     */
    static String productId(String path) {
        String segment = path.substring(3, path.indexOf('/', 3));
        int matrix = segment.indexOf(';');
        if (matrix >= 0) {
            segment = segment.substring(0, matrix);
        }
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return StringUtils.uriDecode(segment, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
