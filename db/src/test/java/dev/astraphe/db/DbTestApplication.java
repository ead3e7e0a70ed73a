package dev.astraphe.db;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The configuration root for the slice tests of this library module. */
@SpringBootApplication
class DbTestApplication {
}
