package com.reportresumer.bench;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The processes the bench started: ended when the bench itself is stopped (Ctrl-C), so none outlives it. */
final class Children {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }), "bench-children"));
    }

    private Children() {
    }

    static void register(Process p) {
        LIVE.add(p);
    }

    static void unregister(Process p) {
        LIVE.remove(p);
    }
}
