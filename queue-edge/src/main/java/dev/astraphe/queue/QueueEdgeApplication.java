package dev.astraphe.queue;

import dev.astraphe.shared.session.SharedSessionConfiguration;
import dev.astraphe.shared.web.AppLinks;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(SharedSessionConfiguration.class)
@EnableConfigurationProperties(AppLinks.class)
public class QueueEdgeApplication {

    /** Reactor Netty's own property; it must be set before its event loops exist. */
    static final String IO_WORKERS = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        // Reactor Netty starts at least four HTTP event loops; on a two-core machine they compete with Lettuce's
        // threads for the cores (bench: joins 5.8k/s with four loops, 7.1k/s with two). One loop per core,
        // unless set otherwise.
        if (System.getProperty(IO_WORKERS) == null) {
            System.setProperty(IO_WORKERS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        SpringApplication.run(QueueEdgeApplication.class, args);
    }
}
