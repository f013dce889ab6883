package com.followup.api.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dropwizard.jackson.Jackson;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The layout of a backup file (decision 0013):
 *
 * <ol>
 *   <li>a header block of a size the file states: a first line {@code # followup backup: format 1, header 8192
 *       bytes, ...}, then the {@link BackupHeader} as JSON, padded with spaces, so {@code head -c 8192 file} shows it;
 *   <li>the content, to the end of the file: one gzip stream that holds, for each table of the header in turn, the
 *       table's name ({@link DataOutputStream#writeUTF}) and its {@code COPY ... TO STDOUT} text in frames (a 4-byte
 *       length, then that many bytes), ended by a frame of length 0.
 * </ol>
 *
 * <p>The header's SHA-256 covers the content as stored (compressed), so a damaged file is refused before anything is
 * decompressed or loaded. The header is written last, into the block reserved for it at the start, so the file is
 * written in one pass: nothing is held in memory but a frame.
 */
final class BackupFile {
    static final int FORMAT_VERSION = 1;

    /** Large enough for COPY to stream, small enough that memory stays flat whatever the table. */
    static final int FRAME_BYTES = 1 << 16;

    private static final Pattern FIRST_LINE =
            Pattern.compile("# followup backup: format (\\d+), header (\\d+) bytes, [^\\n]*");
    private static final int FIRST_LINE_LIMIT = 200;
    private static final int BLOCK_ALIGNMENT = 4096;
    private static final ObjectMapper JSON = Jackson.newObjectMapper()
            // A later build may add to the header without changing the format; what this one does not know it skips.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private BackupFile() {}

    /** A backup being written; {@link #finish} writes its header and makes it durable. */
    static final class Writer implements AutoCloseable {
        private final FileChannel channel;
        private final int headerBytes;
        private final HashingOutputStream hashed;
        private final GZIPOutputStream gzip;
        private final DataOutputStream content;

        /**
         * Writes into {@code file}, an empty file made for it, leaving a header block large enough for {@code draft}
         * once its counts and checksum are filled in.
         */
        Writer(Path file, BackupHeader draft) throws IOException {
            this.headerBytes = blockSizeFor(draft);
            this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            channel.position(headerBytes);
            this.hashed = new HashingOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
            this.gzip = new FastGzipOutputStream(hashed);
            this.content = new DataOutputStream(gzip);
        }

        /** Starts the next table's data; write its COPY text to the result, then {@link TableOutput#end}. */
        TableOutput table(String name, Progress progress) throws IOException {
            content.writeUTF(name);
            progress.start(name);
            return new TableOutput(content, progress);
        }

        /** Ends the content, writes {@code header} (with the content's length and checksum) and syncs the file. */
        BackupHeader finish(BackupHeader header) throws IOException {
            gzip.finish();
            hashed.flush();
            BackupHeader complete = header.withContent(header.tables(), hashed.count(), hashed.sha256());
            byte[] block = headerBlock(complete, headerBytes);
            ByteBuffer buffer = ByteBuffer.wrap(block);
            long position = 0;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
            channel.force(true);
            return complete;
        }

        @Override
        public void close() throws IOException {
            // Closing the streams ends the compressor (native memory) and closes the channel under them.
            try {
                content.close();
            } finally {
                channel.close();
            }
        }
    }

    /** One table's COPY text, cut into frames as it arrives; counts bytes and lines (rows) for progress. */
    static final class TableOutput extends OutputStream {
        private final DataOutputStream content;
        private final Progress progress;
        private final byte[] frame = new byte[FRAME_BYTES];
        private int used;
        private long bytes;
        private long lines;

        private TableOutput(DataOutputStream content, Progress progress) {
            this.content = content;
            this.progress = progress;
        }

        @Override
        public void write(int value) throws IOException {
            write(new byte[] {(byte) value}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            bytes += length;
            // In COPY text a row ends with a newline and a newline inside a value is written as \n, so lines are rows.
            for (int index = offset; index < offset + length; index++) {
                if (data[index] == '\n') {
                    lines++;
                }
            }
            int done = 0;
            while (done < length) {
                int part = Math.min(length - done, frame.length - used);
                System.arraycopy(data, offset + done, frame, used, part);
                used += part;
                done += part;
                if (used == frame.length) {
                    flushFrame();
                }
            }
        }

        long bytes() {
            return bytes;
        }

        long lines() {
            return lines;
        }

        /** Writes what is buffered and the end-of-table frame. */
        void end() throws IOException {
            flushFrame();
            content.writeInt(0);
        }

        private void flushFrame() throws IOException {
            if (used > 0) {
                content.writeInt(used);
                content.write(frame, 0, used);
                used = 0;
                progress.during(lines, bytes);
            }
        }
    }

    /** A backup being read: its header first, then (after {@link #verifyChecksum}) its tables one by one. */
    static final class Reader implements AutoCloseable {
        private final Path file;
        private final BackupHeader header;
        private final int headerBytes;
        private HashingInputStream hashed;
        private DataInputStream content;

        private Reader(Path file, BackupHeader header, int headerBytes) {
            this.file = file;
            this.header = header;
            this.headerBytes = headerBytes;
        }

        BackupHeader header() {
            return header;
        }

        /** Reads the stored content once and compares its SHA-256 with the header's; nothing is decompressed. */
        void verifyChecksum() throws IOException {
            try (HashingInputStream in = new HashingInputStream(contentStream())) {
                in.transferTo(OutputStream.nullOutputStream());
                checkContent(in);
            }
        }

        /** Starts the next table's COPY text; it ends (read returns -1) at the table's last frame. */
        InputStream table(String name, Progress progress) throws IOException {
            if (content == null) {
                hashed = new HashingInputStream(contentStream());
                content = new DataInputStream(new GZIPInputStream(hashed, 1 << 16));
            }
            String found;
            try {
                found = content.readUTF();
            } catch (EOFException e) {
                throw damaged("the data ends before table " + name);
            }
            if (!found.equals(name)) {
                throw damaged("the data holds table " + found + " where the header lists " + name);
            }
            progress.start(name);
            return new TableInput(content, progress);
        }

        /** After the last table: the content must end there, and its checksum still match. */
        void finish() throws IOException {
            if (content.read() != -1) {
                throw damaged("there is data after the last table");
            }
            hashed.transferTo(OutputStream.nullOutputStream());
            checkContent(hashed);
        }

        private InputStream contentStream() throws IOException {
            InputStream in = Files.newInputStream(file);
            in.skipNBytes(headerBytes);
            return new BufferedInputStream(in, 1 << 16);
        }

        private void checkContent(HashingInputStream in) {
            String sha256 = in.sha256();
            if (in.count() != header.contentBytes() || !sha256.equals(header.contentSha256())) {
                throw new BackupRefused(file + " is damaged: its checksum does not match (SHA-256 "
                        + abbreviate(sha256) + " of " + in.count() + " bytes, the header says "
                        + abbreviate(header.contentSha256()) + " of " + header.contentBytes()
                        + "). Nothing was restored.");
            }
        }

        private BackupRefused damaged(String what) {
            return new BackupRefused(file + " is damaged: " + what + ".");
        }

        @Override
        public void close() throws IOException {
            if (content != null) {
                content.close();
            }
        }
    }

    /** Opens {@code file} and reads its header; refuses what is missing or not a Followup backup of a known format. */
    static Reader open(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(FIRST_LINE_LIMIT);
        } catch (NoSuchFileException e) {
            throw new BackupRefused(file + " does not exist.");
        }
        String text = new String(start, StandardCharsets.ISO_8859_1);
        int newline = text.indexOf('\n');
        Matcher firstLine = FIRST_LINE.matcher(newline < 0 ? text : text.substring(0, newline));
        if (newline < 0 || !firstLine.matches()) {
            throw new BackupRefused(file + " is not a Followup backup (it does not start with \"# followup backup\").");
        }
        int format = Integer.parseInt(firstLine.group(1));
        if (format != FORMAT_VERSION) {
            throw new BackupRefused(file + " is a backup of format " + format + "; this Followup reads format "
                    + FORMAT_VERSION + ". Restore it with the Followup version that wrote it or a newer one.");
        }
        int headerBytes = Integer.parseInt(firstLine.group(2));
        byte[] block;
        try (InputStream in = Files.newInputStream(file)) {
            block = in.readNBytes(headerBytes);
        }
        if (block.length < headerBytes) {
            throw new BackupRefused(file + " is damaged: it ends inside its header.");
        }
        BackupHeader header;
        try {
            header = JSON.readValue(block, newline + 1, headerBytes - newline - 1, BackupHeader.class);
        } catch (JsonProcessingException e) {
            throw new BackupRefused(file + " is damaged: its header cannot be read (" + e.getOriginalMessage() + ").");
        }
        return new Reader(file, header, headerBytes);
    }

    private static int blockSizeFor(BackupHeader draft) throws JsonProcessingException {
        // The widest value each count can take: the final header has the same text, only its numbers differ.
        BackupHeader widest = draft.withContent(
                draft.tables().stream()
                        .map(table -> table.withCounts(Long.MAX_VALUE, Long.MAX_VALUE))
                        .toList(),
                Long.MAX_VALUE,
                "0".repeat(64));
        int needed = firstLine(0).length() + 8 + JSON.writeValueAsBytes(widest).length + 2;
        return (needed + BLOCK_ALIGNMENT - 1) / BLOCK_ALIGNMENT * BLOCK_ALIGNMENT;
    }

    private static byte[] headerBlock(BackupHeader header, int headerBytes) throws JsonProcessingException {
        byte[] first = firstLine(headerBytes).getBytes(StandardCharsets.US_ASCII);
        byte[] json = JSON.writeValueAsBytes(header);
        if (first.length + json.length + 2 > headerBytes) {
            throw new IllegalStateException("the header outgrew the " + headerBytes + " bytes reserved for it");
        }
        byte[] block = new byte[headerBytes];
        Arrays.fill(block, (byte) ' ');
        System.arraycopy(first, 0, block, 0, first.length);
        System.arraycopy(json, 0, block, first.length, json.length);
        block[first.length + json.length] = '\n';
        block[headerBytes - 1] = '\n';
        return block;
    }

    private static String firstLine(int headerBytes) {
        return "# followup backup: format " + FORMAT_VERSION + ", header " + headerBytes
                + " bytes, then the tables as gzip-compressed COPY text\n";
    }

    private static String abbreviate(String sha256) {
        return sha256.length() > 12 ? sha256.substring(0, 12) + "…" : sha256;
    }

    /** One table's frames read back as one stream, which ends where the table does. */
    private static final class TableInput extends InputStream {
        private final DataInputStream content;
        private final Progress progress;
        private int remaining;
        private boolean ended;
        private long bytes;

        TableInput(DataInputStream content, Progress progress) {
            this.content = content;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (remaining == 0) {
                remaining = content.readInt();
                if (remaining == 0) {
                    ended = true;
                    return -1;
                }
                if (remaining < 0 || remaining > FRAME_BYTES) {
                    throw new IOException("a frame of " + remaining + " bytes: the data is damaged");
                }
                // Rows are counted by COPY, which tells them at the end; bytes are what can be told before.
                progress.during(-1, bytes);
            }
            int read = content.read(buffer, offset, Math.min(length, remaining));
            if (read < 0) {
                throw new EOFException("the data ends inside a frame");
            }
            remaining -= read;
            bytes += read;
            return read;
        }
    }

    /**
     * gzip at its fastest level: the medium agency in 20.0 MiB and 3.0 s, against 15.7 MiB and 5.7 s at the default
     * level (decision 0013).
     */
    private static final class FastGzipOutputStream extends GZIPOutputStream {
        FastGzipOutputStream(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static final class HashingOutputStream extends FilterOutputStream {
        private final MessageDigest digest = newSha256();
        private long count;

        HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int value) throws IOException {
            digest.update((byte) value);
            count++;
            out.write(value);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            digest.update(data, offset, length);
            count += length;
            out.write(data, offset, length);
        }

        long count() {
            return count;
        }

        /** The digest of everything so far; call once, at the end. */
        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    private static final class HashingInputStream extends FilterInputStream {
        private final MessageDigest digest = newSha256();
        private long count;

        HashingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int value = in.read();
            if (value >= 0) {
                digest.update((byte) value);
                count++;
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            if (read > 0) {
                digest.update(buffer, offset, read);
                count += read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            // Every byte must pass through the digest.
            return read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        long count() {
            return count;
        }

        /** The digest of everything so far; call once, at the end. */
        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
