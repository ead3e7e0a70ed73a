package dev.astraphe.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** Checks, before anything starts, that every port the stack needs is free. */
final class PortCheck {

    private final IntPredicate inUse;

    PortCheck(IntPredicate inUse) {
        this.inUse = inUse;
    }

    static PortCheck system() {
        return new PortCheck(PortCheck::inUse);
    }

    List<StackPorts.Port> taken(StackPorts ports) {
        List<StackPorts.Port> taken = new ArrayList<>();
        for (StackPorts.Port port : ports.all()) {
            if (inUse.test(port.number())) {
                taken.add(port);
            }
        }
        return taken;
    }

    /** Why a start refused to begin: each taken port, what needs it, how to move it. */
    static String message(List<StackPorts.Port> taken) {
        StringBuilder sb = new StringBuilder();
        for (StackPorts.Port port : taken) {
            sb.append("port ").append(port.number()).append(" is already in use; ")
                    .append(port.component()).append(" needs it (move it with ")
                    .append(port.envName()).append("=<port>)\n");
        }
        return sb.append("nothing was started. ").append(findOwner(taken)).toString();
    }

    /**
     * After a stop: ports of the stack that something still listens on, such as an app started again by hand, which
     * the launcher does not know of.
     */
    static String stillInUse(List<StackPorts.Port> taken) {
        StringBuilder sb = new StringBuilder();
        for (StackPorts.Port port : taken) {
            sb.append("port ").append(port.number()).append(" (").append(port.component()).append(")\n");
        }
        return sb.append("something still listens there (an app started again by hand, a process that did not stop); it was left running. ")
                .append(findOwner(taken)).toString();
    }

    private static String findOwner(List<StackPorts.Port> taken) {
        return "Find the owner with: ss -ltnp | grep -E ':("
                + String.join("|", taken.stream().map(p -> String.valueOf(p.number())).toList()) + ")\\b'";
    }

    /** True when something listens on the port (loopback connect) or the wildcard address cannot be bound. */
    static boolean inUse(int port) {
        if (accepts(port)) {
            return true;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
