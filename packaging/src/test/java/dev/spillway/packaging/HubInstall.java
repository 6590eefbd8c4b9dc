package dev.spillway.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs a component archive the way the Confluent Hub client lays it out: the archive is
 * {@code <owner>-<name>-<version>.zip} with one top-level folder of that name holding {@code manifest.json} and only
 * {@code lib/}, {@code doc/}, {@code etc/} and {@code assets/}; it lands in {@code <components>/<owner>-<name>/}
 * (without the version, so an upgrade replaces it). Anything else is refused with a one-line reason.
 */
final class HubInstall {

    static final Set<String> FOLDERS = Set.of("lib", "doc", "etc", "assets");

    private HubInstall() {
    }

    /** @return the installed component directory, {@code componentsDir/<owner>-<name>} */
    static Path install(Path zip, String owner, String name, String version, Path componentsDir) {
        String expected = owner + "-" + name + "-" + version;
        if (!zip.getFileName().toString().equals(expected + ".zip")) {
            throw new IllegalArgumentException("archive " + zip.getFileName() + " is not named " + expected + ".zip");
        }
        Path target = componentsDir.toAbsolutePath().normalize().resolve(owner + "-" + name);
        boolean manifest = false;
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String path = entry.getName();
                if (path.startsWith("/") || path.contains("\\") || path.contains("../") || path.contains("/./")) {
                    throw new IllegalArgumentException("entry " + path + " is not a plain relative path");
                }
                if (!path.startsWith(expected + "/")) {
                    throw new IllegalArgumentException("entry " + path + " is outside the folder " + expected + "/");
                }
                String inside = path.substring(expected.length() + 1);
                if (inside.isEmpty()) {
                    continue;
                }
                String first = inside.contains("/") ? inside.substring(0, inside.indexOf('/')) : inside;
                if (inside.equals("manifest.json")) {
                    manifest = true;
                } else if (!FOLDERS.contains(first) || !inside.contains("/")) {
                    throw new IllegalArgumentException("entry " + path + " is neither manifest.json nor under "
                            + FOLDERS);
                }
                Path destination = target.resolve(inside).normalize();
                if (!destination.startsWith(target)) {
                    throw new IllegalArgumentException("entry " + path + " would land outside " + target);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, destination);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + zip + " into " + target, e);
        }
        if (!manifest) {
            throw new IllegalArgumentException("archive " + zip.getFileName() + " has no " + expected
                    + "/manifest.json");
        }
        return target;
    }
}
