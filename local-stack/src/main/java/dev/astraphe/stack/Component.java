package dev.astraphe.stack;

/** Something the launcher started and must stop again. */
interface Component {

    String name();

    void stop();
}
