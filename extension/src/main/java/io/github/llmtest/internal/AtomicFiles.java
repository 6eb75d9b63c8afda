package io.github.llmtest.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes files so that a reader, a parallel writer or a JVM killed mid-write sees the old content or the new one,
 * never a part: a temporary file in the same directory, flushed to disk, then moved over the target.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Replaces {@code file} with {@code content}, creating its directory when needed. The file ends up readable by
     * everyone and writable by its owner (0644), like any file a build writes.
     *
     * @param file    the target
     * @param content the whole new content, as UTF-8
     * @throws IOException when the directory cannot be created or written
     */
    public static void write(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Replaces {@code file} with {@code bytes}; see {@link #write(Path, String)}.
     *
     * @param file  the target
     * @param bytes the whole new content
     * @throws IOException when the directory cannot be created or written
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            replace(temp, file);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Moves a whole, closed temporary file over the file it replaces in one step, readable as that file was
     * (temporary files are created 0600; the file replaces one a user, git or a CI job reads).
     *
     * @param temp the temporary file, in the same directory
     * @param file the file it replaces
     * @throws IOException when it cannot be moved
     */
    public static void replace(Path temp, Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
