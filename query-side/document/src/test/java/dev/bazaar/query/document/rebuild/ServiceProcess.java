package dev.bazaar.query.document.rebuild;

import dev.bazaar.process.JavaProcess;
import dev.bazaar.process.Readiness;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import dev.bazaar.query.document.DocumentQueryApplication;

/**
 * This service as a process of its own, started from the main classes and dependencies of this test
 * run (the module's exec jar is packaged only after its tests): a jar holding nothing but a manifest
 * naming the main class and that class path, run with {@link JavaProcess}, which can kill it with
 * SIGKILL and start it again on the same data.
 */
final class ServiceProcess {

    /** How long a start may take: on a build machine shared with other builds it has taken over 90 s. */
    static final Duration STARTUP = Duration.ofMinutes(3);

    private ServiceProcess() {
    }

    static JavaProcess start(Path directory, List<String> args, int httpPort) {
        Path launcher = directory.resolve("query-document-launcher.jar");
        writeLauncherJar(launcher);
        return JavaProcess.start("query-document", launcher, List.of("-Xmx512m", "-XX:+UseSerialGC"), args, Map.of(),
                directory.resolve("query-document.log"),
                Readiness.httpHealth(URI.create("http://localhost:" + httpPort + "/actuator/health")), STARTUP);
    }

    private static void writeLauncherJar(Path jar) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, DocumentQueryApplication.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", mainClassPath()));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's class path as URLs, without the test classes and Surefire's own jars. */
    private static List<String> mainClassPath() {
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (String url : expand(Path.of(entry))) {
                if (!url.contains("test-classes") && !url.contains("surefire")) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }

    /** A Surefire manifest-only jar stands for the class path its manifest lists. */
    private static List<String> expand(Path entry) {
        if (entry.toString().endsWith(".jar") && entry.getFileName().toString().startsWith("surefirebooter")) {
            try (JarFile jar = new JarFile(entry.toFile())) {
                String classPath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
                List<String> urls = new ArrayList<>();
                for (String relative : classPath.split(" ")) {
                    urls.add(entry.getParent().toUri().resolve(relative).toString());
                }
                return urls;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String url = entry.toUri().toString();
        return List.of(Files.isDirectory(entry) && !url.endsWith("/") ? url + "/" : url);
    }
}
