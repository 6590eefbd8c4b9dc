package dev.spillway.testcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Helpers to lay out {@code plugin.path} directories for the workers. */
public final class PluginPaths {

    private PluginPaths() {
    }

    /**
     * Unpacks a plugin archive into {@code targetDir}.
     *
     * @return the unpacked plugin directory: the archive's single top-level folder (Confluent Hub style:
     *         {@code name-version/lib/*.jar}, ...), or {@code targetDir} itself if the archive has several top-level
     *         entries
     * @throws IllegalArgumentException if an entry would land outside {@code targetDir}
     */
    public static Path unzip(Path zip, Path targetDir) {
        Path target = targetDir.toAbsolutePath().normalize();
        Set<String> topLevel = new LinkedHashSet<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(target);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path destination = target.resolve(entry.getName()).normalize();
                // Reject "zip slip": entries like ../../x escaping the target directory.
                if (!destination.startsWith(target)) {
                    throw new IllegalArgumentException("Archive " + zip + " has an entry outside its root: "
                            + entry.getName());
                }
                if (destination.equals(target)) {
                    continue;
                }
                topLevel.add(target.relativize(destination).getName(0).toString());
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack " + zip + " into " + target, e);
        }
        if (topLevel.size() == 1) {
            Path only = target.resolve(topLevel.iterator().next());
            if (Files.isDirectory(only)) {
                return only;
            }
        }
        return target;
    }

    /**
     * Copies the plugin directory {@code pluginDir} into {@code pluginPathDir}, keeping its name.
     *
     * @return the copy, {@code pluginPathDir/<pluginDir's name>}
     */
    public static Path copyPluginDir(Path pluginDir, Path pluginPathDir) {
        Path source = pluginDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("Not a plugin directory: " + pluginDir);
        }
        Path target = pluginPathDir.toAbsolutePath().normalize().resolve(source.getFileName().toString());
        copyRecursively(source, target);
        return target;
    }

    /**
     * Creates the plugin directory {@code pluginPathDir/name} holding {@code jars} (a plugin's jar and its own
     * dependencies, never the Connect API).
     *
     * @return the plugin directory
     */
    public static Path pluginDirFromJars(Path pluginPathDir, String name, Collection<Path> jars) {
        Path target = pluginPathDir.toAbsolutePath().normalize().resolve(name);
        try {
            Files.createDirectories(target);
            for (Path jar : jars) {
                Files.copy(jar, target.resolve(jar.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create plugin directory " + target, e);
        }
        return target;
    }

    /** Jars a worker provides itself: a second copy in a plugin directory only causes class conflicts. */
    private static final java.util.regex.Pattern WORKER_PROVIDED =
        java.util.regex.Pattern.compile("(kafka-clients|connect-api|connect-runtime|connect-json|slf4j-.*)-[0-9].*");

    /**
     * Creates the plugin directory {@code pluginPathDir/name} from what the module's build left: the jar named by
     * the system property {@code jarProperty} and every jar in the directory named by {@code depsDirProperty}
     * (both set by Failsafe).
     *
     * @return the plugin directory
     * @throws IllegalStateException if a property is not set (not run through Maven), or a dependency is a jar the
     *                               worker provides
     */
    public static Path pluginDirFromBuild(Path pluginPathDir, String name, String jarProperty,
                                          String depsDirProperty) {
        List<Path> jars = new java.util.ArrayList<>();
        jars.add(Path.of(requiredProperty(jarProperty)));
        try (Stream<Path> deps = Files.list(Path.of(requiredProperty(depsDirProperty)))) {
            deps.filter(p -> p.toString().endsWith(".jar")).sorted().forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the dependencies of " + name, e);
        }
        for (Path jar : jars) {
            if (WORKER_PROVIDED.matcher(jar.getFileName().toString()).matches()) {
                throw new IllegalStateException(jar + " is provided by the worker and must not be in plugin " + name);
            }
        }
        return pluginDirFromJars(pluginPathDir, name, jars);
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("System property " + name + " is not set: run through Maven (mvn verify)");
        }
        return value;
    }

    /**
     * Writes a plugin jar holding the compiled classes of one package (and its sub-packages) from
     * {@code classesDir}, with {@code META-INF/services} files for {@code services} (service interface → classes),
     * so a test can put a test-only plugin beside the real ones in {@code plugin.path}.
     *
     * @return {@code jar}
     */
    public static Path jarOfPackage(Path jar, Path classesDir, String packageName, Map<String, List<String>> services) {
        Path packageDir = classesDir.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(packageDir)) {
            throw new IllegalArgumentException("No compiled classes of package " + packageName + " in " + classesDir);
        }
        try {
            Files.createDirectories(jar.toAbsolutePath().getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(packageDir)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classesDir.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, out);
                    out.closeEntry();
                }
                for (Map.Entry<String, List<String>> service : services.entrySet()) {
                    out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
                    out.write((String.join("\n", service.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write plugin jar " + jar, e);
        }
        return jar;
    }

    private static void copyRecursively(Path source, Path target) {
        try {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                    Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.copy(file, target.resolve(source.relativize(file).toString()),
                            StandardCopyOption.REPLACE_EXISTING);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + source + " to " + target, e);
        }
    }
}
