package dev.astraphe.stack;

/** How the apps reach the database. */
record Database(String host, int port, String name, String user, String password) {

    static Database local(int port) {
        return new Database("127.0.0.1", port, "astraphe", "astraphe", "astraphe");
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }
}
