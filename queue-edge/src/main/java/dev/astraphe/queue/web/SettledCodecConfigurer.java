package dev.astraphe.queue.web;

import java.util.List;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;

/**
 * The application's codec configuration with its reader and writer lists built once. Spring's configurer builds
 * both lists, with a new instance of every default codec, on each call; {@code DefaultServerWebExchange} asks for
 * the readers on every form post to find the form reader, so each htmx join (a form post) paid for a whole set of
 * codecs. Changing the configuration through this object starts the lists afresh.
 */
final class SettledCodecConfigurer implements ServerCodecConfigurer {

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
            known = List.copyOf(codecs.getReaders());
            readers = known;
        }
        return known;
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
