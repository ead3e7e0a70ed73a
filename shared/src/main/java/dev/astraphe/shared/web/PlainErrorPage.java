package dev.astraphe.shared.web;

/**
 * A short page for the errors a server answers before any application code can render one: an address it refuses to
 * read, one outside the app. In both languages, since nothing there can tell which one the reader chose; no script, and
 * its one style inline (no Content-Security-Policy is sent with these).
 */
public final class PlainErrorPage {

    private PlainErrorPage() {
    }

    /** The page for {@code status}, leading to {@code home}. */
    public static String html(int status, String home) {
        String what = switch (status) {
            case 400 -> "주소를 읽을 수 없습니다. · This address cannot be read.";
            case 404 -> "페이지를 찾을 수 없습니다. · Page not found.";
            default -> "요청을 처리할 수 없습니다. · The request could not be handled.";
        };
        return """
                <!DOCTYPE html>
                <html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%d · Astraphe</title>
                <style>body{font-family:system-ui,-apple-system,"Noto Sans KR",sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
                .brand{font-weight:700}.status{font-weight:700;margin-right:.4rem}a{color:#2563eb}</style></head>
                <body><p class="brand">⚡ Astraphe</p><p><span class="status">%d</span>%s</p>
                <p><a href="%s">처음으로 · Home</a></p></body></html>
                """.formatted(status, status, what, home);
    }
}
