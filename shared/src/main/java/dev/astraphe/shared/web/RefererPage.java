package dev.astraphe.shared.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The page of this app a request was sent from, by its Referer: what a form's POST goes back to (its language links,
 * a form sent after its session ended). Only this server's own pages under the app's path count, as a path and query
 * still encoded (whatever name the server goes by), never a protocol-relative {@code //host}.
 */
public final class RefererPage {

    private RefererPage() {
    }

    /** Path and query of the page, or null: no Referer, another origin, a path outside the app, or not a URI. */
    public static @Nullable String of(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI from = URI.create(referer);
            int port = from.getPort() != -1 ? from.getPort() : "https".equalsIgnoreCase(from.getScheme()) ? 443 : 80;
            String path = from.getRawPath();
            if (from.getHost() == null || !from.getHost().equalsIgnoreCase(request.getServerName())
                    || port != request.getServerPort() || path == null || !path.startsWith(request.getContextPath() + "/")
                    || path.startsWith("//")) {
                return null;
            }
            return from.getRawQuery() == null ? path : path + "?" + from.getRawQuery();
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }
}
