package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
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
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class SettledCodecConfigurerTest {

    @Test
    void buildsTheListsOnceWithTheSameCodecsAsSpringsConfigurer() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        SettledCodecConfigurer settled = new SettledCodecConfigurer(spring);

        assertThat(spring.getReaders()).as("Spring builds new codecs per call").isNotSameAs(spring.getReaders());
        assertThat(settled.getReaders()).isSameAs(settled.getReaders());
        assertThat(settled.getWriters()).isSameAs(settled.getWriters());
        assertThat(settled.getReaders()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(spring.getReaders().stream().<Class<?>>map(Object::getClass).toList());
    }

    /** The form reader first (every form post's exchange looks for it), and every lookup finds what Spring's order finds. */
    @Test
    void theFormReaderComesFirstAndNoReaderIsFoundInsteadOfAnother() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        List<HttpMessageReader<?>> settled = new SettledCodecConfigurer(spring).getReaders();
        List<HttpMessageReader<?>> springs = spring.getReaders();
        assertThat(springs.getFirst()).isNotInstanceOf(FormHttpMessageReader.class);
        assertThat(settled.getFirst()).isInstanceOf(FormHttpMessageReader.class);

        List<ResolvableType> types = List.of(ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class),
                ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class),
                ResolvableType.forClass(MultiValueMap.class), ResolvableType.forClass(String.class), ResolvableType.forClass(byte[].class),
                ResolvableType.forClass(Map.class), ResolvableType.forClass(Object.class), ResolvableType.forClass(Part.class));
        List<MediaType> mediaTypes = Arrays.asList(null, MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA,
                MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL);
        for (ResolvableType type : types) {
            for (MediaType mediaType : mediaTypes) {
                assertThat(first(settled, type, mediaType)).as("%s as %s", type, mediaType)
                        .isEqualTo(first(springs, type, mediaType));
            }
        }
    }

    /** A reader of form data before Spring's form reader keeps its place: the order is left alone. */
    @Test
    void aReaderOfFormsBeforeTheFormReaderKeepsTheOrder() {
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

        assertThat(settled.getFirst()).isSameAs(another);
        assertThat(settled).extracting(Object::getClass)
                .containsExactlyElementsOf(spring.getReaders().stream().<Class<?>>map(Object::getClass).toList());
    }

    private static @Nullable Class<?> first(List<HttpMessageReader<?>> readers, ResolvableType type, @Nullable MediaType mediaType) {
        return readers.stream().filter(reader -> reader.canRead(type, mediaType)).findFirst().<Class<?>>map(Object::getClass).orElse(null);
    }

    @Test
    void aChangeThroughItStartsTheListsAfresh() {
        SettledCodecConfigurer settled = new SettledCodecConfigurer(ServerCodecConfigurer.create());
        int before = settled.getReaders().size();

        settled.registerDefaults(false);

        assertThat(settled.getReaders()).hasSizeLessThan(before);
    }
}
