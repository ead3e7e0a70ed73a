package dev.astraphe.stack;

import java.nio.file.Path;

/** Where the local stack keeps its data: one folder per component under {@code .local/} at the repo root. */
record StackPaths(Path repo, Path local) {

    static StackPaths at(Path repo) {
        Path root = repo.toAbsolutePath().normalize();
        return new StackPaths(root, root.resolve(".local"));
    }

    Path postgres() { return local.resolve("postgres"); }
    Path redis() { return local.resolve("redis"); }
    Path kafka() { return local.resolve("kafka"); }
    Path s3() { return local.resolve("s3"); }
    Path logs() { return local.resolve("logs"); }
    Path keys() { return local.resolve("keys"); }
    Path pidFile() { return local.resolve("stack.pid"); }
    Path log(String name) { return logs().resolve(name + ".log"); }
}
