package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.Part;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.adapter.DefaultServerWebExchange;
import org.springframework.web.server.i18n.AcceptHeaderLocaleContextResolver;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SettledCodecConfigurerTest {

    @Test
    void buildsTheListsOnce() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        SettledCodecConfigurer settled = new SettledCodecConfigurer(spring);

        assertThat(spring.getReaders()).as("Spring builds new codecs per call").isNotSameAs(spring.getReaders());
        assertThat(settled.getReaders()).isSameAs(settled.getReaders());
        assertThat(settled.getWriters()).isSameAs(settled.getWriters());
    }

    /**
     * Only the readers an exchange could pick are left, in Spring's order, and for every content type an exchange
     * asks with, its loop (every reader asked, the last that can read kept) picks the reader it picks among all.
     */
    @Test
    void keepsOnlyTheReadersAnExchangeCanPickAndEveryPickIsSpringsPick() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        List<HttpMessageReader<?>> all = spring.getReaders();
        List<HttpMessageReader<?>> settled = new SettledCodecConfigurer(spring).getReaders();

        assertThat(settled).hasSizeLessThan(all.size()).allMatch(SettledCodecConfigurer::readsForms);
        assertThat(settled).extracting(Object::getClass).containsExactlyElementsOf(
                all.stream().filter(SettledCodecConfigurer::readsForms).<Class<?>>map(Object::getClass).toList());
        assertThat(settled).extracting(Object::getClass).contains(FormHttpMessageReader.class);
        assertThatThePicksAreSprings(all, settled);
    }

    /** A reader of forms the application registers is kept, and picked where Spring's loop would pick it. */
    @Test
    void anApplicationsReaderOfFormsIsKept() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        FormHttpMessageReader form = new FormHttpMessageReader();
        HttpMessageReader<MultiValueMap<String, String>> another = new HttpMessageReader<>() {
            @Override
            public List<MediaType> getReadableMediaTypes() {
                return form.getReadableMediaTypes();
            }

            @Override
            public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
                return form.canRead(type, mediaType);
            }

            @Override
            public Flux<MultiValueMap<String, String>> read(ResolvableType type, ReactiveHttpInputMessage message, Map<String, Object> hints) {
                return form.read(type, message, hints);
            }

            @Override
            public Mono<MultiValueMap<String, String>> readMono(ResolvableType type, ReactiveHttpInputMessage message, Map<String, Object> hints) {
                return form.readMono(type, message, hints);
            }
        };
        spring.customCodecs().register(another);
        List<HttpMessageReader<?>> settled = new SettledCodecConfigurer(spring).getReaders();

        assertThat(settled).contains(another);
        assertThatThePicksAreSprings(spring.getReaders(), settled);
    }

    /** A form post's exchange, built as Spring builds it with this configurer, still reads the form. */
    @Test
    void anExchangeStillReadsAFormPost() {
        MockServerHttpRequest request = MockServerHttpRequest.post("/p/1/join")
                .contentType(MediaType.parseMediaType("application/x-www-form-urlencoded;charset=UTF-8"))
                .body("_csrf=abc&note=%C3%A9t%C3%A9");
        ServerWebExchange exchange = new DefaultServerWebExchange(request, new MockServerHttpResponse(),
                new DefaultWebSessionManager(), new SettledCodecConfigurer(ServerCodecConfigurer.create()),
                new AcceptHeaderLocaleContextResolver());

        MultiValueMap<String, String> form = exchange.getFormData().block();

        assertThat(form).isNotNull();
        assertThat(form.getFirst("_csrf")).isEqualTo("abc");
        assertThat(form.getFirst("note")).isEqualTo("été");
    }

    private static void assertThatThePicksAreSprings(List<HttpMessageReader<?>> all, List<HttpMessageReader<?>> settled) {
        ResolvableType formData = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);
        ResolvableType multipartData = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class);
        Map<ResolvableType, List<MediaType>> asked = Map.of(
                formData, List.of(MediaType.APPLICATION_FORM_URLENCODED,
                        MediaType.parseMediaType("application/x-www-form-urlencoded;charset=UTF-8")),
                multipartData, List.of(MediaType.MULTIPART_FORM_DATA,
                        MediaType.parseMediaType("multipart/form-data;boundary=xyz;charset=UTF-8")));
        asked.forEach((type, mediaTypes) -> mediaTypes.forEach(mediaType -> {
            // by class: Spring's configurer may hand out new instances on each call (the anonymous reader's class is its own)
            HttpMessageReader<?> springs = picked(all, type, mediaType);
            HttpMessageReader<?> ours = picked(settled, type, mediaType);
            assertThat(springs).as("%s as %s", type, mediaType).isNotNull();
            assertThat(ours).as("%s as %s", type, mediaType).isNotNull();
            assertThat(ours.getClass()).as("%s as %s", type, mediaType).isEqualTo(springs.getClass());
        }));
    }

    /** What {@code DefaultServerWebExchange.getReader} picks: every reader is asked, the last that can read is kept. */
    private static @Nullable HttpMessageReader<?> picked(List<HttpMessageReader<?>> readers, ResolvableType type, MediaType mediaType) {
        HttpMessageReader<?> picked = null;
        for (HttpMessageReader<?> reader : readers) {
            if (reader.canRead(type, mediaType)) {
                picked = reader;
            }
        }
        return picked;
    }

    @Test
    void aChangeThroughItStartsTheListsAfresh() {
        SettledCodecConfigurer settled = new SettledCodecConfigurer(ServerCodecConfigurer.create());
        int before = settled.getReaders().size();

        settled.registerDefaults(false);

        assertThat(settled.getReaders()).hasSizeLessThan(before);
    }
}
