package dev.astraphe.shared.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The page for the errors Tomcat answers itself, before any application code runs: an address it refuses to read
 * ({@code /%2F%2Fevil.com}, {@code /%2e%2e/}: 400) and, for an app under a context path, an address outside it (404).
 * They showed Tomcat's own "HTTP Status 400 – Bad Request" page. Each servlet app declares this as a bean; the
 * application's own errors keep their styled pages, which this never replaces (it writes only an empty error response).
 */
public final class ServerErrorPage implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        // Boot puts its own report valve on the host while it prepares the context: replaced once all that is done
        factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                use(context.getParent(), new Plain(context.getPath() + "/"));
            }
        }));
    }

    private static void use(Container host, Plain page) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(page);
    }

    static final class Plain extends ErrorReportValve {

        private final String home;

        Plain(String home) {
            this.home = home;
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean writable = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
            if (!writable.get()) {
                return;
            }
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding("UTF-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(PlainErrorPage.html(status, home));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away, or the response was taken meanwhile: nothing more to say
            }
        }
    }
}
