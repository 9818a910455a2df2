package dev.lva.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lva.api.LvaException;
import dev.lva.api.io.IoErrors;
import dev.lva.api.StateDict;
import dev.lva.core.io.Npy;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkpoint file: a zip holding {@code manifest.json} and one {@code .npy} entry per array
 * ({@code params/encoder.0.weight.npy}, {@code optimizer/exp_avg.npy},
 * {@code state/decoder.0.weight.parametrization/u.npy}, {@code extra/scaler_offset.npy}); numpy's
 * {@code np.load} opens it as an {@code .npz}.
 *
 * <p>Writing goes to a temporary file in the target's folder, which is flushed to disk and then
 * renamed over the target in one atomic step: a crash at any moment leaves the old checkpoint or
 * the new one, never a broken one. Reading trusts nothing: it checks the entry count and every
 * entry's declared size against {@link Limits} before inflating anything, each array's size against
 * the shape the manifest declares, the CRC of every entry it reads, the format version, and that
 * every array the manifest lists is there.
 */
public final class CheckpointFile {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointFile.class);
    /** Current format version, written as {@code formatVersion}. */
    public static final int FORMAT_VERSION = Manifest.VERSION;
    static final String MANIFEST = "manifest.json";
    private static final long MAX_MANIFEST_BYTES = 16L << 20;
    /** Deflate cannot expand data by more than about 1032:1; a larger declared ratio is a lie. */
    private static final long MAX_DEFLATE_RATIO = 1100;
    /** Room a .npy header may take in front of the data. */
    private static final long MAX_NPY_HEADER = 12 + 10_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFile() {
    }

    /**
     * What a reader accepts before it inflates anything.
     *
     * @param maxEntries    entries in the zip
     * @param maxEntryBytes uncompressed bytes of one entry
     * @param maxTotalBytes uncompressed bytes of all entries together
     */
    public record Limits(int maxEntries, long maxEntryBytes, long maxTotalBytes) {
        public Limits {
            if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1) {
                throw new IllegalArgumentException("checkpoint limits must be positive");
            }
        }

        /** 10,000 entries, 2 GiB per entry, 8 GiB in all. */
        public static Limits defaults() {
            return new Limits(10_000, 2L << 30, 8L << 30);
        }
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code snapshot} to {@code file} atomically (see the class comment), replacing any file there. */
    public static void write(Path file, TrainingSnapshot snapshot) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        byte[] manifest;
        try {
            manifest = JSON.writeValueAsBytes(Manifest.write(snapshot, lvaVersion(), arrays));
        } catch (JacksonException e) {
            throw new CheckpointException("cannot write checkpoint " + file + ": " + e.getOriginalMessage(), e);
        }
        writeZip(file, manifest, arrays);
        LOG.debug("wrote checkpoint {} (step {}, {} arrays)", file, snapshot.step(), arrays.size());
    }

    /** A manifest and its arrays as a zip, written atomically (see the class comment). */
    static void writeZip(Path file, byte[] manifest, Map<String, INDArray> arrays) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current()
                .nextLong() & Long.MAX_VALUE) + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileOutputStream fos = new FileOutputStream(tmp.toFile());
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(fos, 1 << 16))) {
                zip.setLevel(6);
                ZipEntry m = new ZipEntry(MANIFEST);
                m.setMethod(ZipEntry.DEFLATED);
                zip.putNextEntry(m);
                zip.write(manifest);
                zip.closeEntry();
                for (Map.Entry<String, INDArray> e : arrays.entrySet()) {
                    // stored, not deflated: float data hardly compresses, and stored entries are
                    // what numpy memory-maps and what a reader checks size for size
                    byte[] npy = Npy.toBytes(e.getValue());
                    ZipEntry entry = new ZipEntry(e.getKey());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(npy.length);
                    entry.setCompressedSize(npy.length);
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    zip.write(npy);
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
                fos.getChannel().force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new CheckpointException("cannot write checkpoint " + file + ": " + describe(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Whether {@code name} is a temporary file this class writes (left behind only by a crash). */
    public static boolean isTemporaryName(String name) {
        return name.startsWith(".") && name.endsWith(".tmp") && name.contains(".zip.");
    }

    /** The rename must itself reach the disk; on file systems that cannot sync a folder this is skipped. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("cannot sync folder {}: {}", dir, e.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot remove temporary file {}: {}", p, e.toString());
        }
    }

    /** The version of lva that writes, from the jar's manifest or Maven descriptor; {@code unknown} from classes. */
    public static String lvaVersion() {
        Package p = CheckpointFile.class.getPackage();
        if (p != null && p.getImplementationVersion() != null) {
            return p.getImplementationVersion();
        }
        String descriptor = "/META-INF/maven/dev.lva/lva-core/pom.properties";
        try (InputStream in = CheckpointFile.class.getResourceAsStream(descriptor)) {
            if (in != null) {
                Properties props = new Properties();
                props.load(in);
                return props.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            LOG.debug("cannot read lva's version: {}", e.toString());
        }
        return "unknown";
    }

    // ---------------------------------------------------------------- reading

    /** Reads a checkpoint with the default {@link Limits}. */
    public static TrainingSnapshot read(Path file) {
        return read(file, Limits.defaults());
    }

    /**
     * Reads and checks a checkpoint. Every failure, whatever the file holds, is a
     * {@link CheckpointException} whose message starts with the file's name.
     */
    public static TrainingSnapshot read(Path file, Limits limits) {
        return readZip(file, limits, CheckpointFile::snapshot);
    }

    /** Reads what a manifest describes, given the arrays it lists; see {@link #readZip}. */
    interface ZipContent<T> {
        T read(JsonNode manifest, ArrayLoader arrays, String where) throws IOException;
    }

    /** Reads, checks and returns the arrays a manifest lists, by name. */
    interface ArrayLoader {
        Map<String, INDArray> load(Map<String, Manifest.ArraySpec> specs) throws IOException;
    }

    /**
     * Opens a zip of a manifest and {@code .npy} arrays with every check of the class comment, and
     * hands its manifest to {@code content}. Every failure is a {@link CheckpointException} whose
     * message starts with the file's name.
     */
    static <T> T readZip(Path file, Limits limits, ZipContent<T> content) {
        String where = file.toString();
        long size = checkIsZip(file, where);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return read(zip, where, size, limits, content);
        } catch (LvaException e) {
            if (e instanceof CheckpointException) {
                throw e;
            }
            String m = e.getMessage();
            throw new CheckpointException(m != null && m.startsWith(where) ? m : where + ": " + m, e);
        } catch (IOException e) {
            throw new CheckpointException(where + ": not a readable checkpoint (broken or truncated zip: "
                    + describe(e) + ")", e);
        } catch (IllegalArgumentException e) {
            // java.util.zip reports an entry name that is not valid UTF-8 this way
            throw new CheckpointException(where + ": not a readable checkpoint (" + describe(e) + ")", e);
        }
    }

    private static long checkIsZip(Path file, String where) {
        long size;
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            magic = in.readNBytes(4);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(where + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CheckpointException(where + ": permission denied");
        } catch (IOException e) {
            throw new CheckpointException(where + ": cannot read: " + describe(e), e);
        }
        if (size == 0) {
            throw new CheckpointException(where + ": the file is empty, not a checkpoint");
        }
        if (magic.length < 4 || magic[0] != 'P' || magic[1] != 'K' || !(magic[2] == 3 && magic[3] == 4)) {
            boolean emptyZip = magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 5
                    && magic[3] == 6;
            throw new CheckpointException(where + ": not a checkpoint (" + (emptyZip ? "an empty zip file"
                    : "not a zip file") + ")");
        }
        return size;
    }

    private static <T> T read(ZipFile zip, String where, long fileSize, Limits limits, ZipContent<T> content)
            throws IOException {
        int count = zip.size();
        if (count > limits.maxEntries()) {
            throw new CheckpointException(where + ": " + count + " zip entries, more than the " + limits.maxEntries()
                    + " a checkpoint may have");
        }
        Map<String, ZipEntry> entries = new HashMap<>();
        long total = 0;
        for (Enumeration<? extends ZipEntry> it = zip.entries(); it.hasMoreElements(); ) {
            ZipEntry e = it.nextElement();
            long size = e.getSize();
            long compressed = e.getCompressedSize();
            if (size < 0 || compressed < 0) {
                throw new CheckpointException(where + ": entry " + e.getName() + " does not declare its size");
            }
            if (size > limits.maxEntryBytes()) {
                throw new CheckpointException(where + ": entry " + e.getName() + " declares " + size
                        + " bytes, more than the " + limits.maxEntryBytes() + " an entry may have");
            }
            if (compressed > fileSize || (e.getMethod() == ZipEntry.STORED && compressed != size)
                    || size > compressed * MAX_DEFLATE_RATIO + 1024) {
                throw new CheckpointException(where + ": entry " + e.getName() + " declares " + size + " bytes from "
                        + compressed + " compressed bytes in a file of " + fileSize + "; the zip is corrupt");
            }
            total += size;
            if (total > limits.maxTotalBytes()) {
                throw new CheckpointException(where + ": the entries declare more than " + limits.maxTotalBytes()
                        + " bytes in all");
            }
            entries.put(e.getName(), e);
        }
        ZipEntry manifestEntry = entries.get(MANIFEST);
        if (manifestEntry == null) {
            throw new CheckpointException(where + ": not an lva checkpoint (the zip has no " + MANIFEST + "; it has "
                    + preview(entries.keySet()) + ")");
        }
        if (manifestEntry.getSize() > MAX_MANIFEST_BYTES) {
            throw new CheckpointException(where + ": " + MANIFEST + " declares " + manifestEntry.getSize()
                    + " bytes, more than a manifest may have (" + MAX_MANIFEST_BYTES + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(readEntry(zip, manifestEntry, where));
        } catch (JacksonException e) {
            throw new CheckpointException(where + ": " + MANIFEST + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new CheckpointException(where + ": " + MANIFEST + " is empty");
        }
        return content.read(root, specs -> readArrays(zip, entries, specs, where), where);
    }

    private static TrainingSnapshot snapshot(JsonNode root, ArrayLoader loader, String where) throws IOException {
        Manifest.Parsed m = Manifest.read(root, where);
        Map<String, INDArray> parameters = loader.load(m.parameters());
        Map<String, StateDict> states = new LinkedHashMap<>();
        for (Map.Entry<String, Manifest.StateSpec> e : m.states().entrySet()) {
            states.put(e.getKey(), readState(loader, e.getValue()));
        }
        StateDict optimizer = readState(loader, m.optimizerState());
        StateDict trainer = readState(loader, m.trainerState());
        Map<String, INDArray> extraArrays = loader.load(m.extraArrays());
        if (!m.lvaVersion().equals(lvaVersion())) {
            LOG.info("{} was written by lva {}, this is lva {}", where, m.lvaVersion(), lvaVersion());
        }
        return new TrainingSnapshot(m.setup(), m.step(), trainer, parameters, states, optimizer,
                new Extras(extraArrays, m.extraStrings()), m.plugins(), m.provenance());
    }

    private static String preview(java.util.Set<String> names) {
        List<String> sorted = names.stream().sorted().limit(5).toList();
        return names.isEmpty() ? "no entries" : String.join(", ", sorted) + (names.size() > 5 ? ", ..." : "");
    }

    static StateDict readState(ArrayLoader loader, Manifest.StateSpec spec) throws IOException {
        return new StateDict(spec.version(), loader.load(spec.arrays()), spec.scalars());
    }

    private static Map<String, INDArray> readArrays(ZipFile zip, Map<String, ZipEntry> entries,
                                                    Map<String, Manifest.ArraySpec> specs, String where)
            throws IOException {
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Manifest.ArraySpec> e : specs.entrySet()) {
            out.put(e.getKey(), readArray(zip, entries, e.getValue(), where));
        }
        return out;
    }

    private static INDArray readArray(ZipFile zip, Map<String, ZipEntry> entries, Manifest.ArraySpec spec,
                                      String where) throws IOException {
        ZipEntry e = entries.get(spec.entry());
        if (e == null) {
            throw new CheckpointException(where + ": the manifest lists " + spec.entry() + ", which the zip lacks");
        }
        long data = spec.dataBytes();
        if (e.getSize() <= data || e.getSize() > data + MAX_NPY_HEADER) {
            throw new CheckpointException(where + ": entry " + spec.entry() + " has " + e.getSize() + " bytes; a "
                    + (spec.dataType() == org.nd4j.linalg.api.buffer.DataType.FLOAT ? "float32" : "float64")
                    + " array of shape " + Npy.shapeString(spec.shape()) + " needs " + data + " plus a header");
        }
        String source = where + "!" + spec.entry();
        CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32());
        INDArray a;
        try (in) {
            a = Npy.read(source, in, e.getSize());
        } catch (LvaException x) {
            throw new CheckpointException(x.getMessage(), x);
        }
        checkCrc(e, in.getChecksum().getValue(), where);
        if (a.dataType() != spec.dataType() || !Arrays.equals(a.shape(), spec.shape())) {
            throw new CheckpointException(source + ": holds " + a.dataType() + " " + Npy.shapeString(a.shape())
                    + ", the manifest says " + spec.dataType() + " " + Npy.shapeString(spec.shape()));
        }
        return a;
    }

    private static byte[] readEntry(ZipFile zip, ZipEntry e, String where) throws IOException {
        CheckedInputStream in = new CheckedInputStream(zip.getInputStream(e), new CRC32());
        byte[] bytes;
        try (in) {
            bytes = in.readNBytes((int) e.getSize());
            if (bytes.length < e.getSize() || in.read() >= 0) {
                throw new CheckpointException(where + ": entry " + e.getName() + " does not hold the "
                        + e.getSize() + " bytes it declares");
            }
        }
        checkCrc(e, in.getChecksum().getValue(), where);
        return bytes;
    }

    private static void checkCrc(ZipEntry e, long actual, String where) {
        if (e.getCrc() != -1 && e.getCrc() != actual) {
            throw new CheckpointException(where + ": entry " + e.getName() + " is corrupt (CRC mismatch)");
        }
    }

    private static String describe(Throwable e) {
        if (e instanceof IOException) {
            return IoErrors.reason(e); // the system's reason ("no space left on device"), not the path again
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
