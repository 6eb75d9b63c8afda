package io.github.llmtest.internal.report;

import io.github.llmtest.internal.AtomicFiles;
import io.github.llmtest.internal.Secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * One report file written as a stream: the text goes to a temporary file beside the target in chunks, each chunk
 * checked for secrets on its way, and the file replaces the target only when it is whole and holds none. So a
 * report of any size is never held in memory whole, and a reader sees the old file or the new one, never a part.
 *
 * <p>A chunk is checked together with the end of the one before, so a secret written across two chunks is found
 * as long as it is shorter than {@link #OVERLAP} characters.
 */
final class ReportFile extends Writer {

    static final int CHUNK = 64 * 1024;
    static final int OVERLAP = 1024;

    private final Path file;
    /**
     * The temporary file, or null when the text is discarded ({@link #discard}) or
     * appended ({@link #appending}).
     */
    private final Path temp;
    /** Where the bytes go, or null when the text is discarded. */
    private final FileChannel channel;
    private final Writer out;
    /** Asked at every chunk of a discarded text: true stops it. */
    private final java.util.function.BooleanSupplier cancelled;
    private final char[] buffer = new char[CHUNK + OVERLAP];
    /** Characters in {@link #buffer}; the first {@link #carried} are the end of the chunk already written. */
    private int length;
    private int carried;
    private long bytes;
    private boolean done;

    private ReportFile(Path file) throws IOException {
        this.file = file;
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        this.temp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
        this.out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        this.cancelled = () -> false;
    }

    private ReportFile(Path name, FileChannel channel) {
        this.file = name;
        this.temp = null;
        this.channel = channel;
        this.out = new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8);
        this.cancelled = () -> false;
    }

    private ReportFile(Path name, java.util.function.BooleanSupplier cancelled) {
        this.file = name;
        this.temp = null;
        this.channel = null;
        this.out = new OutputStreamWriter(OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        this.cancelled = cancelled;
    }

    /** What a report's content does: writes to the file it is given. */
    interface Content {
        void writeTo(ReportFile out) throws IOException;
    }

    /**
     * Writes {@code file} from {@code content}; leaves the old file in place when the content holds a secret or
     * writing fails.
     *
     * @return the bytes written
     */
    static long write(Path file, Content content) throws IOException {
        ReportFile out = new ReportFile(file);
        try {
            content.writeTo(out);
            out.commit();
            return out.bytes;
        } finally {
            out.abandon();
        }
    }

    /**
     * A writer appending to {@code channel} at its position through the same chunks and secret check as
     * {@link #write}, leaving the channel open: how parts of a report are written ahead ({@link CallsSpool}). What
     * was written reaches the channel at {@link #push}.
     *
     * @param name    the file's name, for messages
     * @param channel where the bytes go
     */
    static ReportFile appending(Path name, FileChannel channel) {
        return new ReportFile(name, channel);
    }

    /**
     * Checks what was written since the last push and writes it to the channel.
     *
     * @throws IOException when it holds a secret (nothing of it is written then) or writing fails
     */
    void push() throws IOException {
        drain();
        out.flush();
    }

    /**
     * Copies {@code count} bytes of {@code source} from {@code position} into this file after what was written
     * so far, as they are: bytes that were checked for secrets when they were written ({@link #appending}).
     *
     * @throws IOException when reading or writing fails
     */
    void copy(FileChannel source, long position, long count) throws IOException {
        drain();
        out.flush();
        length = 0; // the text after the copy is checked apart from the text before it, which it does not follow
        carried = 0;
        long copied = 0;
        while (copied < count) {
            long n = source.transferTo(position + copied, count - copied, channel);
            if (n <= 0) {
                throw new IOException("could not copy " + count + " bytes of " + file
                        + "'s calls written during the run: the part ended after " + copied);
            }
            copied += n;
        }
        bytes += count;
    }

    /**
     * Runs {@code content} through every step of {@link #write} (chunks, the secret check, UTF-8) but keeps
     * nothing: how the run report's writers are warmed up during a long run ({@link Reports#warmUp}).
     *
     * @param name      the file's name, for messages
     * @param cancelled asked at every chunk; when it says true, the content is stopped with an
     *                  {@link java.io.InterruptedIOException}
     * @return the bytes the file would have held
     */
    static long discard(Path name, java.util.function.BooleanSupplier cancelled, Content content)
            throws IOException {
        ReportFile out = new ReportFile(name, cancelled);
        content.writeTo(out);
        out.drain();
        return out.bytes;
    }

    @Override
    public void write(char[] chars, int offset, int count) throws IOException {
        while (count > 0) {
            int n = Math.min(count, buffer.length - length);
            System.arraycopy(chars, offset, buffer, length, n);
            length += n;
            offset += n;
            count -= n;
            if (length == buffer.length) {
                drain();
            }
        }
    }

    @Override
    public void write(String text, int offset, int count) throws IOException {
        while (count > 0) {
            int n = Math.min(count, buffer.length - length);
            text.getChars(offset, offset + n, buffer, length);
            length += n;
            offset += n;
            count -= n;
            if (length == buffer.length) {
                drain();
            }
        }
    }

    @Override
    public void write(int ch) throws IOException {
        if (length == buffer.length) {
            drain();
        }
        buffer[length++] = (char) ch;
    }

    @Override
    public Writer append(CharSequence text) throws IOException {
        String s = String.valueOf(text);
        write(s, 0, s.length());
        return this;
    }

    /** Checks the buffer, writes what was not written yet, and keeps its end to check with the next chunk. */
    private void drain() throws IOException {
        if (cancelled.getAsBoolean()) {
            throw new java.io.InterruptedIOException("stopped writing " + file + ": no longer needed");
        }
        String checked = new String(buffer, 0, length);
        List<String> secrets = Secrets.found(checked);
        if (!secrets.isEmpty()) {
            throw new IOException("refused to write " + file + ": it would hold " + String.join(" and ", secrets)
                    + ", and a secret never goes into a report");
        }
        out.write(buffer, carried, length - carried);
        for (int i = carried; i < length; i++) {
            bytes += utf8Length(buffer[i]);
        }
        int keep = Math.min(OVERLAP, length);
        System.arraycopy(buffer, length - keep, buffer, 0, keep);
        length = keep;
        carried = keep;
    }

    /** UTF-8 bytes of one UTF-16 unit: a surrogate pair takes 4 bytes, 2 for each half. */
    static int utf8Length(char ch) {
        return ch < 0x80 ? 1 : ch < 0x800 || Character.isSurrogate(ch) ? 2 : 3;
    }

    @Override
    public void flush() {
        // the content reaches the file when it is whole; see commit
    }

    @Override
    public void close() {
        // closed by write, which knows whether the content was whole
    }

    private void commit() throws IOException {
        drain();
        // no fsync: the move is atomic for every reader, and a report lost to a power cut is written by the next run
        out.close();
        done = true;
        AtomicFiles.replace(temp, file);
    }

    private void abandon() throws IOException {
        if (!done) {
            out.close();
        }
        if (temp != null) {
            Files.deleteIfExists(temp);
        }
    }
}
