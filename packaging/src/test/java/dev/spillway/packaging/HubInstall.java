package dev.spillway.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
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
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            // Every entry is checked before anything is written: a refused archive leaves nothing behind.
            List<ZipEntry> entries = archive.stream().map(entry -> (ZipEntry) entry).toList();
            boolean manifest = false;
            for (ZipEntry entry : entries) {
                manifest |= check(entry.getName(), expected, target);
            }
            if (!manifest) {
                throw new IllegalArgumentException("archive " + zip.getFileName() + " has no " + expected
                        + "/manifest.json");
            }
            for (ZipEntry entry : entries) {
                String inside = entry.getName().substring(expected.length() + 1);
                if (inside.isEmpty()) {
                    continue;
                }
                Path destination = target.resolve(inside).normalize();
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
            throw new UncheckedIOException("Cannot install " + zip + " into " + target, e);
        }
        return target;
    }

    /** @return whether the entry is the manifest; throws if the Hub's layout rules refuse it */
    private static boolean check(String path, String expected, Path target) {
        if (path.startsWith("/") || path.contains("\\") || path.contains("../") || path.contains("/./")) {
            throw new IllegalArgumentException("entry " + path + " is not a plain relative path");
        }
        if (!path.startsWith(expected + "/")) {
            throw new IllegalArgumentException("entry " + path + " is outside the folder " + expected + "/");
        }
        String inside = path.substring(expected.length() + 1);
        if (inside.isEmpty()) {
            return false;
        }
        if (inside.equals("manifest.json")) {
            return true;
        }
        String first = inside.contains("/") ? inside.substring(0, inside.indexOf('/')) : inside;
        if (!FOLDERS.contains(first) || !inside.contains("/")) {
            throw new IllegalArgumentException("entry " + path + " is neither manifest.json nor under " + FOLDERS);
        }
        if (!target.resolve(inside).normalize().startsWith(target)) {
            throw new IllegalArgumentException("entry " + path + " would land outside " + target);
        }
        return false;
    }
}
