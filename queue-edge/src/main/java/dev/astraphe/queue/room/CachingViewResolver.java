package dev.astraphe.queue.room;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.View;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;
import org.thymeleaf.spring6.view.reactive.ThymeleafReactiveViewResolver;
import reactor.core.publisher.Mono;

/**
 * Thymeleaf's reactive view resolver creates, autowires and initialises a new view bean on every request
 * (WebFlux has no caching resolver), which cost a join more CPU than the Redis work it renders. This resolver
 * runs first and keeps each view once resolved; views are stateless, the exchange comes with every render.
 *
 * <p>The waiting room's status fragment gets a view of its own: the waiting states, which are almost every
 * join's and poll's answer, come from {@link WaitingFragment} (byte for byte the template, see its test); every
 * other state renders the template.
 */
@Component
class CachingViewResolver implements ViewResolver, Ordered {

    /** Locales come from Accept-Language, which anybody can vary: past this many entries nothing more is kept. */
    private static final int MAX_ENTRIES = 256;

    private final ThymeleafReactiveViewResolver thymeleaf;
    private final WaitingFragment fragment;
    private final ConcurrentMap<Key, View> views = new ConcurrentHashMap<>();

    CachingViewResolver(ThymeleafReactiveViewResolver thymeleaf, WaitingFragment fragment) {
        this.thymeleaf = thymeleaf;
        this.fragment = fragment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<View> resolveViewName(String viewName, Locale locale) {
        if (viewName.contains(":") && !viewName.contains("::")) {
            // redirect:/forward: and the like carry a URL; they are Thymeleaf's to build, every time
            return Mono.empty();
        }
        Key key = new Key(viewName, locale);
        View cached = views.get(key);
        if (cached != null) {
            return Mono.just(cached);
        }
        return thymeleaf.resolveViewName(viewName, locale).map(view -> {
            View kept = WaitingRoom.FRAGMENT.equals(viewName) ? new StatusView(view, locale) : view;
            if (views.size() < MAX_ENTRIES) {
                views.putIfAbsent(key, kept);
            }
            return kept;
        });
    }

    private record Key(String viewName, Locale locale) {
    }

    /** The status fragment: waiting states written directly, anything else by the template. */
    private final class StatusView implements View {

        private final View template;
        private final Locale locale;

        StatusView(View template, Locale locale) {
            this.template = template;
            this.locale = locale;
        }

        @Override
        public List<MediaType> getSupportedMediaTypes() {
            return template.getSupportedMediaTypes();
        }

        @Override
        public Mono<Void> render(@Nullable Map<String, ?> model, @Nullable MediaType contentType, ServerWebExchange exchange) {
            if (model != null && model.get("view") instanceof RoomView view && WaitingFragment.covers(view)) {
                String html = fragment.render(view, locale, exchange.getRequest().getPath().contextPath().value());
                var response = exchange.getResponse();
                response.getHeaders().setContentType(WaitingFragment.HTML);
                return response.writeWith(Mono.fromSupplier(
                        () -> response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
            }
            return template.render(model, contentType, exchange);
        }
    }
}
