package dev.astraphe.queue.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.FormHttpMessageReader;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;

/**
 * The application's codec configuration with its reader and writer lists built once. Spring's configurer builds
 * both lists, with a new instance of every default codec, on each call; {@code DefaultServerWebExchange} asks for
 * the readers on every form post to find the form reader, so each htmx join (a form post) paid for a whole set of
 * codecs. Changing the configuration through this object starts the lists afresh.
 *
 * <p>The form reader comes first in the readers: every form post's exchange looks for it by asking each reader in
 * turn whether it reads form data (1.8% of a join's CPU, the form reader being seventh). It reads nothing but
 * {@code MultiValueMap}s, so it goes first only when no reader before it reads those; every other lookup finds the
 * reader it found before.
 */
final class SettledCodecConfigurer implements ServerCodecConfigurer {

    private static final ResolvableType FORM_DATA = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, String.class);
    private static final ResolvableType MULTIPART_DATA = ResolvableType.forClassWithGenerics(MultiValueMap.class, String.class, Part.class);

    private final ServerCodecConfigurer codecs;
    private volatile List<HttpMessageReader<?>> readers;
    private volatile List<HttpMessageWriter<?>> writers;

    SettledCodecConfigurer(ServerCodecConfigurer codecs) {
        this.codecs = codecs;
    }

    @Override
    public List<HttpMessageReader<?>> getReaders() {
        List<HttpMessageReader<?>> known = readers;
        if (known == null) {
            known = formReaderFirst(codecs.getReaders());
            readers = known;
        }
        return known;
    }

    private static List<HttpMessageReader<?>> formReaderFirst(List<HttpMessageReader<?>> readers) {
        List<HttpMessageReader<?>> ordered = new ArrayList<>(readers);
        for (int i = 0; i < ordered.size(); i++) {
            HttpMessageReader<?> reader = ordered.get(i);
            if (reader instanceof FormHttpMessageReader) {
                ordered.remove(i);
                ordered.addFirst(reader);
                break;
            }
            if (readsForms(reader)) {
                break; // another reads form data first: leave the order as it is
            }
        }
        return List.copyOf(ordered);
    }

    private static boolean readsForms(HttpMessageReader<?> reader) {
        return reader.canRead(FORM_DATA, MediaType.APPLICATION_FORM_URLENCODED) || reader.canRead(FORM_DATA, null)
                || reader.canRead(MULTIPART_DATA, MediaType.MULTIPART_FORM_DATA) || reader.canRead(MULTIPART_DATA, null);
    }

    @Override
    public List<HttpMessageWriter<?>> getWriters() {
        List<HttpMessageWriter<?>> known = writers;
        if (known == null) {
            known = List.copyOf(codecs.getWriters());
            writers = known;
        }
        return known;
    }

    @Override
    public ServerDefaultCodecs defaultCodecs() {
        unsettle();
        return codecs.defaultCodecs();
    }

    @Override
    public CustomCodecs customCodecs() {
        unsettle();
        return codecs.customCodecs();
    }

    @Override
    public void registerDefaults(boolean registerDefaults) {
        unsettle();
        codecs.registerDefaults(registerDefaults);
    }

    @Override
    public ServerCodecConfigurer clone() {
        return codecs.clone();
    }

    private void unsettle() {
        readers = null;
        writers = null;
    }
}
