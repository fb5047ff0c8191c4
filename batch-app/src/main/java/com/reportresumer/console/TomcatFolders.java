package com.reportresumer.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * Tomcat's folders, in one temporary folder of this process that is deleted when the context closes. Left to
 * itself, Tomcat makes {@code tomcat.PORT.…} (unless {@code server.tomcat.basedir} names one) and
 * {@code tomcat-docbase.PORT.…} in the system's temporary folder, marked to be deleted when the JVM exits: the first
 * holds files, so it never is, and a process that ends on SIGTERM halts without running those deletions at all.
 * Every {@code console}, {@code schedule} and {@code demo --serve} left both behind.
 */
@Component
@ConditionalOnWebApplication
class TomcatFolders implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TomcatFolders.class);

    private final Path folder;
    private final boolean baseGiven;

    TomcatFolders(Environment environment) {
        this.baseGiven = environment.containsProperty("server.tomcat.basedir");
        try {
            this.folder = Files.createTempDirectory("report-resumer-tomcat-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make Tomcat's temporary folder", e);
        }
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!baseGiven) {
            factory.setBaseDirectory(folder.resolve("base").toFile());
        }
        // the application serves no files of a document root: an empty folder of its own
        Path documentRoot = folder.resolve("docbase");
        try {
            Files.createDirectories(documentRoot);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot make Tomcat's document root", e);
        }
        factory.setDocumentRoot(documentRoot.toFile());
    }

    /** After the web server has stopped: beans are destroyed after the server's lifecycle has ended. */
    @Override
    public void destroy() {
        try {
            FileSystemUtils.deleteRecursively(folder);
        }
        catch (IOException e) {
            log.warn("Could not delete Tomcat's temporary folder {}: {}", folder, e.getMessage());
        }
    }
}
