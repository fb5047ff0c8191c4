package com.reportresumer.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the release and the commit it was built from, read from the {@code git.properties} the build
 * writes into the jar, so that an operator can tell exactly what runs (a build outside a git checkout says so).
 */
final class BuildVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties git = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/git.properties")) {
            if (in != null) {
                git.load(in);
            }
        }
        catch (IOException unreadable) {
            // said below as "commit unknown"
        }
        return new String[] { line(git) };
    }

    static String line(Properties git) {
        String version = git.getProperty("git.build.version", "0.1.0");
        String commit = git.getProperty("git.commit.id.abbrev");
        if (commit == null || commit.isBlank()) {
            return "report-resumer " + version + " (commit unknown: built outside a git checkout)";
        }
        return "report-resumer " + version + " (commit " + commit
                + ("true".equals(git.getProperty("git.dirty")) ? " with uncommitted changes" : "")
                + ", " + git.getProperty("git.commit.time", "time unknown") + ")";
    }
}
