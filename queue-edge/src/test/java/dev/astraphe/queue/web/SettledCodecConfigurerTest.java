package dev.astraphe.queue.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.core.ResolvableType;

class SettledCodecConfigurerTest {

    @Test
    void buildsTheListsOnceWithTheSameCodecsAsSpringsConfigurer() {
        ServerCodecConfigurer spring = ServerCodecConfigurer.create();
        SettledCodecConfigurer settled = new SettledCodecConfigurer(spring);

        assertThat(spring.getReaders()).as("Spring builds new codecs per call").isNotSameAs(spring.getReaders());
        assertThat(settled.getReaders()).isSameAs(settled.getReaders());
        assertThat(settled.getWriters()).isSameAs(settled.getWriters());
        assertThat(settled.getReaders()).extracting(Object::getClass)
                .containsExactlyElementsOf(spring.getReaders().stream().<Class<?>>map(Object::getClass).toList());
        assertThat(settled.getReaders()).anyMatch(reader -> reader instanceof FormHttpMessageReader
                && reader.canRead(ResolvableType.forClass(org.springframework.util.MultiValueMap.class), MediaType.APPLICATION_FORM_URLENCODED));
    }

    @Test
    void aChangeThroughItStartsTheListsAfresh() {
        SettledCodecConfigurer settled = new SettledCodecConfigurer(ServerCodecConfigurer.create());
        int before = settled.getReaders().size();

        settled.registerDefaults(false);

        assertThat(settled.getReaders()).hasSizeLessThan(before);
    }
}
