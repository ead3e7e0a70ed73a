package dev.astraphe.console.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * The console lives under its context path ({@code /console}); the server's root, which someone who types only the
 * host and port asks for, had nothing there but Tomcat's plain "404 – Not Found". A valve on the engine, which sees
 * requests before any context is chosen, sends exactly {@code /} on to the console's home. Behind the production
 * proxy the root belongs to the storefront and never reaches this server.
 */
@Component
class ServerRoot implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            String home = context.getPath() + "/";
            if (!"/".equals(home)) {
                engine(context).getPipeline().addValve(new ToHome(home));
            }
        });
    }

    private static Container engine(Context context) {
        return context.getParent().getParent();
    }

    private static final class ToHome extends ValveBase {

        private final String home;

        ToHome(String home) {
            super(true);
            this.home = home;
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            if ("/".equals(request.getDecodedRequestURI())) {
                response.sendRedirect(home);
                return;
            }
            getNext().invoke(request, response);
        }
    }
}
