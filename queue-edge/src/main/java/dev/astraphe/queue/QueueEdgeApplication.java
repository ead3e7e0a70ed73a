package dev.astraphe.queue;

import dev.astraphe.shared.session.SharedSessionConfiguration;
import dev.astraphe.shared.web.AppLinks;
import io.netty.channel.uring.IoUring;
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

    /** Lettuce's own switch; read once, when its transports are first looked at. */
    static final String LETTUCE_EPOLL = "io.lettuce.core.epoll";

    public static void main(String[] args) {
        // Reactor Netty starts at least four HTTP event loops; on a two-core machine they compete with Lettuce's
        // threads for the cores (bench: joins 5.8k/s with four loops, 7.1k/s with two). One loop per core,
        // unless set otherwise.
        if (System.getProperty(IO_WORKERS) == null) {
            System.setProperty(IO_WORKERS, Integer.toString(Runtime.getRuntime().availableProcessors()));
        }
        preferIoUringForRedis();
        SpringApplication.run(QueueEdgeApplication.class, args);
    }

    /**
     * Reactor Netty serves HTTP on io_uring when the kernel offers it; Lettuce, given both, picks epoll and then
     * sets io_uring's keep-alive options on its epoll channels (refused with a warning each). Where io_uring works,
     * Lettuce is told to leave epoll alone so that it uses io_uring too; elsewhere (io_uring disabled, as in most
     * containers' seccomp profiles) both stay on epoll.
     */
    static void preferIoUringForRedis() {
        if (System.getProperty(LETTUCE_EPOLL) == null && IoUring.isAvailable()) {
            System.setProperty(LETTUCE_EPOLL, "false");
        }
    }
}
